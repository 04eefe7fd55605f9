from decimal import Decimal

import pytest

from fiscal.extract.amounts import find_quantities, precision_of


@pytest.mark.parametrize(
    ("text", "value", "unit", "precision", "amount_wan", "precision_wan"),
    [
        ("收支总计421.54万元", "421.54", "万元", "0.01", "421.54", "0.01"),
        ("预算总金额1941.4050 万元", "1941.4050", "万元", "0.0001", "1941.4050", "0.0001"),
        ("支出1,234,567.89元", "1234567.89", "元", "0.01", "123.456789", "0.000001"),
        ("支出123456元", "123456", "元", "1", "12.3456", "0.0001"),
        ("成交价约4.31亿元", "4.31", "亿元", "0.01", "43100.00", "100.00"),
        ("公用经费42万元", "42", "万元", "1", "42", "1"),
        ("资金五万元", "5", "万元", "1", "5", "1"),
    ],
)
def test_money_keeps_value_unit_and_precision_as_written(text, value, unit, precision, amount_wan, precision_wan):
    (quantity,) = find_quantities(text)
    assert quantity.value == Decimal(value) and str(quantity.value) == value
    assert quantity.unit == unit
    assert quantity.precision == Decimal(precision)
    assert quantity.amount_wan == Decimal(amount_wan)
    assert quantity.precision_wan == Decimal(precision_wan)
    assert text[quantity.start : quantity.end] == quantity.text


def test_percent_score_and_counts():
    kinds = [(q.kind, q.value, q.unit) for q in find_quantities("占59.37%,自评得分92.76分,在编人员26人,共三个项目")]
    assert kinds == [
        ("percent", Decimal("59.37"), "%"),
        ("score", Decimal("92.76"), "分"),
        ("count", Decimal("26"), "人"),
        ("count", Decimal(3), "个"),
    ]


@pytest.mark.parametrize("text", ["一级指标", "第一个", "分别为", "2023年度", "面积约3千米"])
def test_things_that_are_not_quantities(text):
    assert find_quantities(text) == []


def test_precision_of_numerals():
    assert precision_of("232.56") == Decimal("0.01")
    assert precision_of("1.1") == Decimal("0.1")
    assert precision_of("0") == Decimal(1)


def test_output_units():
    (quantity,) = find_quantities("拆迁房屋11.6万平方米")
    assert (quantity.value, quantity.unit, quantity.kind) == (Decimal("11.6"), "万平方米", "count")


def test_a_minus_after_words_is_a_sign_after_a_digit_a_range():
    (negative,) = find_quantities("公务接待费-17.09万元")
    assert (negative.value, negative.text) == (Decimal("-17.09"), "-17.09万元")
    (upper,) = find_quantities("补助1-2万元")
    assert upper.value == Decimal("2")  # a range's upper bound, not a negative amount


def test_capital_numerals_of_vouchers_are_amounts_to_the_yuan():
    from fiscal.extract.amounts import find_quantities

    (quantity,) = find_quantities("2019年“三公”经费预算合计人民币壹拾贰万捌仟元整")
    assert (quantity.value, quantity.unit, quantity.precision, quantity.text) == (
        Decimal(128000), "元", Decimal(1), "壹拾贰万捌仟元"
    )


@pytest.mark.parametrize("text", ["退伍人员", "队伍个人", "登陆次数", "大陆人口"])
def test_a_lone_capital_numeral_in_a_word_is_not_a_quantity(text):
    from fiscal.extract.amounts import find_quantities

    assert find_quantities(text) == []
