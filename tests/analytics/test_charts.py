"""SVG chart geometry: suppressed counts get no bar or sized dot, only their text."""

from analytics.charts import bar_chart, dot_map
from analytics.reports import Chart, Column, Table


def table(rows):
    return Table(
        "t",
        "Test",
        [Column("label", "Label"), Column("searches", "Searches", "count")],
        rows,
        chart=Chart("label", "searches", "Searches"),
    )


def test_bars_scale_to_the_largest_and_hide_small_numbers():
    chart = bar_chart(
        table(
            [
                {"label": "a", "searches": 40},
                {"label": "b", "searches": 20},
                {"label": "c", "searches": 3},
            ]
        )
    )
    widths = [bar["width"] for bar in chart["bars"]]
    assert widths[0] == 2 * widths[1] > 0
    assert widths[2] == 0
    assert [bar["value_text"] for bar in chart["bars"]] == [40, 20, "fewer than 5"]


def test_no_chart_without_rows():
    assert bar_chart(table([])) is None


def test_dot_map_sizes_by_searches_and_labels_rates():
    points = [
        {
            "area": "Walkley",
            "searches": 100,
            "listings_per_100": 2.0,
            "latitude": 53.39,
            "longitude": -1.49,
        },
        {
            "area": "Darnall",
            "searches": 2,
            "listings_per_100": None,
            "latitude": 53.39,
            "longitude": -1.41,
        },
    ]
    dots = {dot["name"]: dot for dot in dot_map(points)["dots"]}
    assert dots["Walkley"]["r"] > dots["Darnall"]["r"]
    assert dots["Walkley"]["detail"] == "2.0 per 100"
    assert dots["Darnall"]["searches_text"] == "fewer than 5"
    assert dots["Darnall"]["x"] > dots["Walkley"]["x"]  # further east
