"""The desktop program's entry point for PyInstaller (a script, not a module of the
package: PyInstaller runs it as __main__, so it imports the package absolutely)."""

import sys

from finsam_desktop.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
