"""Set-up for the tests of mlcalc: plotting tests start and end clean."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest


@pytest.fixture(autouse=True)
def _clean_matplotlib():
    """Each test starts and ends with no open figures and the rcParams it found.

    A test file that needs more (e.g. the book style switched on) defines its own fixture of
    this name, which takes the place of this one.
    """
    plt.close("all")
    with mpl.rc_context():
        yield
    plt.close("all")
