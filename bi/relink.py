"""Point every chart's stored query_context at the dataset the chart now uses.

`superset import-directory` (the examples importer) gives imported datasets new ids but
leaves the ids inside each chart's query_context as exported, so on any instance whose ids
differ, /api/v1/chart/data with the stored query_context would query the wrong dataset.
The zip importer fixes this with `update_chart_config_dataset`, but it never overwrites
existing charts; this applies the same function after the overwriting import.

Run with the BI virtualenv: `python -m bi.relink` (environment from bi.settings).
"""

from __future__ import annotations

import json


def main() -> None:
    from superset.app import create_app

    app = create_app()
    with app.app_context():
        from superset import db
        from superset.commands.utils import update_chart_config_dataset
        from superset.models.slice import Slice

        changed = 0
        for chart in db.session.query(Slice).all():
            before = (
                json.loads(chart.params or "{}"),
                json.loads(chart.query_context) if chart.query_context else None,
            )
            config = {
                "params": json.loads(chart.params or "{}"),
                "query_context": chart.query_context,
            }
            update_chart_config_dataset(
                config,
                {
                    "datasource_id": chart.datasource_id,
                    "datasource_type": chart.datasource_type,
                    "datasource_name": chart.datasource_name,
                },
            )
            query_context = json.loads(config["query_context"] or "null")
            if (config["params"], query_context) != before:
                # compact, as the front end's JSON.stringify stores it: exports stay diffable
                chart.params = json.dumps(config["params"])
                chart.query_context = (
                    None
                    if query_context is None
                    else json.dumps(query_context, separators=(",", ":"))
                )
                changed += 1
        db.session.commit()
        print(f"query_context relinked to its chart's dataset: {changed} chart(s) changed")


if __name__ == "__main__":
    main()
