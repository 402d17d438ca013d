"""The cost pages in Chromium: no axe-core violations, and nothing wider than a 375 px phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import axe_violations, describe_violations
from tests.costs.samples import SICK_CHILD


def assert_accessible(page: Any) -> None:
    violations = axe_violations(page)
    assert violations == [], describe_violations(violations)


def test_the_rules_page(live_server: str, page: Any) -> None:
    page.goto(f"{live_server}/costs")
    assert page.locator("blockquote.original").count() == 69
    assert_accessible(page)


def test_a_rule_with_a_calculation_and_with_an_error(live_server: str, page: Any) -> None:
    page.goto(f"{live_server}/costs/3-2-2")
    page.select_option("#f-fy", "2024")
    page.select_option("#f-component", "2")  # 事業の周知: each pays its own
    page.get_by_role("button", name="計算する").click()
    page.wait_for_selector("#result")
    assert "按分しない額 5,021,000円" in page.inner_text("#result")
    assert_accessible(page)
    page.select_option("#f-component", "1")  # by children: no usage is stored yet
    page.fill("#f-amount", "abc")
    page.get_by_role("button", name="計算する").click()
    page.wait_for_selector(".error-summary")
    assert page.get_attribute("#f-amount", "aria-invalid") == "true"
    assert_accessible(page)
    page.goto(
        f"{live_server}/costs/3-3-2/what-if?amount=1000000&equal_weight=3&population_weight=7"
    )
    page.wait_for_selector("#result")
    assert_accessible(page)


def test_the_settle_page_and_its_statements(live_server: str, page: Any, tmp_path: Path) -> None:
    page.goto(f"{live_server}/costs/settle")
    assert_accessible(page)
    usage = tmp_path / "usage.csv"
    usage.write_text(SICK_CHILD, encoding="utf-8-sig")
    page.fill("#f-fy", "2024")
    page.set_input_files("#f-usage", str(usage))
    page.fill("#f-basic_cost", "7000000")
    page.fill("#f-additions", "100:500000")
    page.get_by_role("button", name="精算書を表示").click()
    page.wait_for_selector("#result")
    assert "1,365,025円" in page.inner_text("#result")
    assert_accessible(page)
    usage.write_text(SICK_CHILD.replace(",15\n", ",-15\n"), encoding="utf-8-sig")
    page.set_input_files("#f-usage", str(usage))
    page.get_by_role("button", name="精算書を表示").click()
    page.wait_for_selector(".error-summary")
    assert "負の値です" in page.inner_text(".error-summary")
    assert_accessible(page)


@pytest.mark.parametrize(
    "path", ["/costs", "/costs/3-3-5?fy=2024", "/costs/settle", "/costs/populations"]
)
def test_pages_fit_a_phone(live_server: str, page: Any, path: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server}{path}")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 375, f"{path} is {width}px wide"
