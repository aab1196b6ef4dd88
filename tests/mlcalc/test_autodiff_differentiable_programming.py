"""Tests of the helpers that the chapter "The future: differentiable programming" adds to
mlcalc.autodiff: value_of, Trajectory and simulate_projectile."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy

from mlcalc.autodiff import Dual, Trajectory, Var, grad, simulate_projectile, value_of
from mlcalc.rules import derivative


# --------------------------------------------------------------------------------------------
# value_of
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "x, expected",
    [
        (2, 2.0),
        (2.5, 2.5),
        (np.float32(0.5), 0.5),
        (np.int64(-3), -3.0),
        (np.array(1.25), 1.25),
        (np.array([4.0]), 4.0),
        (Dual(2.0, 1.0), 2.0),
        (Var(-1.5), -1.5),
        (sympy.Rational(1, 4), 0.25),
        (sympy.sqrt(2), math.sqrt(2)),
    ],
)
def test_value_of_plain_numbers_and_from_scratch_engines(x, expected):
    result = value_of(x)
    assert isinstance(result, float) and result == pytest.approx(expected, rel=1e-15)


def test_value_of_torch_tensors_also_inside_torch_func_grad():
    torch = pytest.importorskip("torch")
    x = torch.tensor(3.0, dtype=torch.float64, requires_grad=True)
    assert value_of(x) == 3.0 and value_of(x * 2) == 6.0
    assert value_of(torch.tensor([[0.5]])) == 0.5

    def f(a):  # a branch on the value, inside a function transform
        return a**2 if value_of(a) > 0 else -a

    assert float(torch.func.grad(f)(torch.tensor(3.0))) == 6.0
    assert float(torch.func.grad(f)(torch.tensor(-3.0))) == -1.0


def test_value_of_tensorflow_tensors():
    tf = pytest.importorskip("tensorflow")
    assert value_of(tf.constant(2.5, dtype=tf.float64)) == 2.5
    assert value_of(tf.Variable([1.5], dtype=tf.float64)) == 1.5
    with pytest.raises(ValueError, match="one number"):
        value_of(tf.constant([1.0, 2.0]))


@pytest.mark.parametrize("bad", [True, "1.0", b"1", 1 + 2j, None, [1.0, "a"], sympy.Symbol("x")])
def test_value_of_rejects_what_is_not_a_real_number(bad):
    with pytest.raises(TypeError, match="x must be"):
        value_of(bad)


def test_value_of_rejects_several_numbers():
    with pytest.raises(ValueError, match="x must hold one number"):
        value_of([1.0, 2.0])
    torch = pytest.importorskip("torch")
    with pytest.raises(ValueError, match="x must hold one number"):
        value_of(torch.ones(3))


@pytest.mark.parametrize("backend", ["forward", "reverse", "torch", "numeric"])
def test_a_branch_on_value_of_gives_the_derivative_of_the_branch_taken(backend):
    def f(x):  # x**2 left of 1, 3x - 2 from 1 on: continuous, with a kink at 1
        return x * x if value_of(x) < 1 else 3 * x - 2

    assert grad(f, 0.5, backend=backend) == pytest.approx(1.0, rel=1e-8)
    assert grad(f, 2.0, backend=backend) == pytest.approx(3.0, rel=1e-8)
    if backend != "numeric":  # autodiff follows the else-branch at the kink itself
        assert grad(f, 1.0, backend=backend) == 3.0
    else:  # a central difference straddles the kink: about the mean of the slopes
        assert grad(f, 1.0, backend=backend) == pytest.approx(2.5, abs=1e-5)


# --------------------------------------------------------------------------------------------
# simulate_projectile
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("degrees, speed", [(45.0, 20.0), (30.0, 15.0), (70.0, 25.0)])
def test_without_drag_the_range_tends_to_the_closed_form(degrees, speed):
    angle = math.radians(degrees)
    exact = speed**2 * math.sin(2 * angle) / 9.81
    errors = []
    for dt in (1e-2, 1e-3, 1e-4):
        flight = simulate_projectile(angle, speed, dt=dt, steps=100_000)
        errors.append(abs(flight.landing_x - exact))
        # explicit Euler overshoots by about one step of horizontal travel
        assert flight.landing_x - exact == pytest.approx(speed * math.cos(angle) * dt, rel=0.2)
    assert errors[0] > 5 * errors[1] > 25 * errors[2]  # first order: error proportional to dt
    assert errors[-1] < 2e-3


def test_the_trajectory_holds_every_step_and_lands_between_the_last_two():
    flight = simulate_projectile(0.6, 20.0, drag=0.02, dt=0.01)
    assert isinstance(flight, Trajectory)
    assert len(flight.x) == len(flight.y) >= 3
    assert flight.x[0] == 0.0 and flight.y[0] == 0.0
    assert all(y >= 0 for y in flight.y[:-1]) and flight.y[-1] < 0
    assert flight.x[-2] <= flight.landing_x <= flight.x[-1]
    path = flight.path()
    assert path.shape == (len(flight.x), 2)
    assert np.array_equal(path[-1], [flight.landing_x, 0.0])
    assert np.array_equal(path[:-1, 0], flight.x[:-1])


def test_drag_shortens_the_flight_and_lowers_the_best_angle():
    def landing(degrees, drag):
        return simulate_projectile(math.radians(degrees), 30.0, drag=drag).landing_x

    assert landing(45, 0.01) < landing(45, 0.0)
    degrees = np.arange(20, 61, 1)
    best_without = degrees[np.argmax([landing(d, 0.0) for d in degrees])]
    best_with = degrees[np.argmax([landing(d, 0.02) for d in degrees])]
    assert best_without == 45 and best_with < 42


def test_the_landing_point_is_continuous_where_the_number_of_steps_changes():
    def landing(angle):
        return simulate_projectile(angle, 20.0, drag=0.01, dt=0.05).landing_x

    angles = np.linspace(0.5, 0.6, 2001)
    steps = np.array([len(simulate_projectile(a, 20.0, drag=0.01, dt=0.05).x) for a in angles])
    assert len(set(steps)) > 1  # the loop runs for different numbers of steps
    values = np.array([landing(a) for a in angles])
    assert np.max(np.abs(np.diff(values))) < 0.01  # but there is no jump


@pytest.mark.parametrize("backend", ["forward", "reverse", "torch"])
def test_autodiff_through_the_loop_matches_a_central_difference(backend):
    def landing(angle):
        return simulate_projectile(angle, 30.0, drag=0.01).landing_x

    exact = grad(landing, 0.45, backend=backend)
    numeric = derivative(landing, 0.45)
    assert exact == pytest.approx(numeric, rel=1e-7)


def test_gradient_with_respect_to_speed_and_drag_with_torch():
    torch = pytest.importorskip("torch")
    speed = torch.tensor(25.0, dtype=torch.float64, requires_grad=True)
    drag = torch.tensor(0.01, dtype=torch.float64, requires_grad=True)
    flight = simulate_projectile(0.5, speed, drag=drag)
    flight.landing_x.backward()
    d_speed = derivative(lambda v: simulate_projectile(0.5, v, drag=0.01).landing_x, 25.0)
    d_drag = derivative(lambda k: simulate_projectile(0.5, 25.0, drag=k).landing_x, 0.01)
    assert float(speed.grad) == pytest.approx(d_speed, rel=1e-6)
    assert float(drag.grad) == pytest.approx(d_drag, rel=1e-6)
    assert float(speed.grad) > 0 > float(drag.grad)


def test_tensorflow_tensors_run_the_simulation_too():
    tf = pytest.importorskip("tensorflow")
    angle = tf.Variable(0.5, dtype=tf.float64)
    with tf.GradientTape() as tape:
        landing = simulate_projectile(angle, 20.0, drag=0.01, dt=0.02).landing_x
    slope = float(tape.gradient(landing, angle))
    expected = grad(lambda a: simulate_projectile(a, 20.0, drag=0.01, dt=0.02).landing_x, 0.5)
    assert slope == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"angle": "0.5"}, TypeError, "angle must be a real number"),
        ({"angle": math.nan}, ValueError, "angle must be finite"),
        ({"speed": 0.0}, ValueError, "speed must be > 0"),
        ({"speed": Var(-1.0)}, ValueError, "speed must be > 0"),
        ({"speed": [1.0, 2.0]}, TypeError, "speed must be a real number"),
        ({"drag": -0.1}, ValueError, "drag must be >= 0"),
        ({"drag": None}, TypeError, "drag must be a real number"),
        ({"dt": 0.0}, ValueError, "dt must be > 0"),
        ({"dt": "0.1"}, TypeError, "dt must be a real number"),
        ({"steps": 0}, ValueError, "steps must be an integer >= 1"),
        ({"steps": 10.0}, TypeError, "steps must be an integer"),
        ({"g": -9.81}, ValueError, "g must be > 0"),
        ({"steps": 5}, ValueError, "has not landed after steps = 5"),
    ],
)
def test_simulate_projectile_checks_its_arguments(kwargs, error, match):
    arguments = {"angle": 0.5, "speed": 20.0, **kwargs}
    with pytest.raises(error, match=match):
        simulate_projectile(**arguments)


def test_a_launch_below_the_horizon_lands_at_once():
    flight = simulate_projectile(-0.3, 10.0)
    assert len(flight.x) == 2 and flight.landing_x == 0.0
