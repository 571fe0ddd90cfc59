from tests.qt_support import dialogs, make_window, no_stray_windows, sample_site, settings, tasks  # noqa: F401
