from tests.qt_support import (  # noqa: F401
    dialogs,
    make_window,
    no_stray_windows,
    qapp,
    sample_site,
    settings,
    tasks,
)
