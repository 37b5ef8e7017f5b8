/* The norms the tests and benchmarks compute with: the shipped values of
 * data/norms.csv, fixed here so that a change there is a change of the
 * tests' expectations too (test_progress checks the two agree). */
#ifndef GMI_NORMS_FIXTURE_H
#define GMI_NORMS_FIXTURE_H

static const char norms_text[] = "measure,value,source\n"
                                 "accuracy_min_pct,80,NOI Group\n"
                                 "hand_rt_target_s,2.0,European Pain Federation\n"
                                 "hand_rt_band_s,0.5,European Pain Federation\n"
                                 "foot_rt_target_s,2.0,European Pain Federation\n"
                                 "foot_rt_band_s,0.5,European Pain Federation\n"
                                 "knee_rt_target_s,2.0,NOI Group guidance\n"
                                 "knee_rt_band_s,0.5,NOI Group guidance\n"
                                 "shoulder_rt_target_s,1.7,Breckenridge et al. 2017\n"
                                 "shoulder_rt_band_s,0.7,Breckenridge et al. 2017\n"
                                 "neck_rt_target_s,1.6,Wallwork et al. 2013\n"
                                 "neck_rt_band_s,0.5,Wallwork et al. 2013\n"
                                 "back_rt_target_s,1.6,NOI Group guidance\n"
                                 "back_rt_band_s,0.5,NOI Group guidance\n"
                                 "rt_real_change_s,0.2,Musculoskelet Sci Pract 2018;33:105\n"
                                 "accuracy_real_change_pct,5,Musculoskelet Sci Pract 2018;33:105\n"
                                 "hold_days,7,NOI Group\n"
                                 "too_fast_ms,300,Convention\n"
                                 "touch_up_sessions,3,Trainer's default\n"
                                 "touch_up_discomfort,3,Trainer's default\n"
                                 "touch_flare_discomfort,7,Trainer's default\n";

#endif
