# Installing like any Linux desktop program (cmake --install), and the Debian
# package (cpack -G DEB). GNUInstallDirs and GMI_INSTALL_RESOURCE_DIR come
# from the top-level CMakeLists.txt.

# The application's identifier: the names of the desktop entry and the
# AppStream metainfo.
set(GMI_APP_ID org.gmitrainer.GmiTrainer)

install(TARGETS gmi-trainer RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# What the trainer reads at run time (the schema is compiled in).
install(FILES data/catalogue.csv data/exercises.csv data/norms.csv data/touch-ladder.csv
        DESTINATION ${GMI_INSTALL_RESOURCE_DIR}/data)
# (The pictures of touch practice without their SVG sources.)
install(DIRECTORY assets/fonts assets/pictures assets/loops assets/touch
        DESTINATION ${GMI_INSTALL_RESOURCE_DIR}/assets
        FILES_MATCHING PATTERN "*.ttf" PATTERN "*.png" PATTERN "source" EXCLUDE)

# Credits and licences of the fonts, pictures, movement loops and the
# pictures of touch practice.
install(FILES assets/fonts/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR}/fonts)
install(FILES assets/pictures/CREDITS.md DESTINATION ${CMAKE_INSTALL_DOCDIR}/pictures)
install(FILES assets/touch/CREDITS.md DESTINATION ${CMAKE_INSTALL_DOCDIR}/touch)

# The menu entry, its icon, the software-centre description and the manual.
install(FILES packaging/${GMI_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES packaging/${GMI_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES packaging/icons/gmi-trainer.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
foreach(size 16 24 32 48 64 128 256 512)
    install(FILES packaging/icons/gmi-trainer-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
            RENAME gmi-trainer.png)
endforeach()
install(FILES packaging/gmi-trainer.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The Debian package. Its dependencies are computed by dpkg-shlibdeps from
# the libraries the binary links (Debian package dpkg-dev).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gmi-trainer)
set(CPACK_PACKAGE_CONTACT "GMI Trainer maintainers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "graded motor imagery trainer for chronic limb pain")
set(CPACK_PACKAGE_DESCRIPTION
    "Left/right judgement, imagined movements and mirror therapy, the three stages
of graded motor imagery for chronic limb pain such as complex regional pain
syndrome (CRPS), with every answer timed and kept on the device, and a
PIN-protected therapist area with progress charts and a printable report.")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
include(CPack)
