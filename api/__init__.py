"""The Litestar API over the warehouse's `api.*` views. See api/app.py (`create_app`) and
api/serve.py (`serve`)."""
