"""The API documents its answers with the shared payload models (payloads/), each under the
model's own name and with the model's fields: what the portal parses an answer into is what the
schema promises, and moving the models renamed no schema that clients generate code from."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import payloads
from registry.api import ApiSettings, create_app


def payload_models() -> dict[str, type[BaseModel]]:
    models: dict[str, type[BaseModel]] = {}
    for info in pkgutil.iter_modules(payloads.__path__):
        module = importlib.import_module(f"payloads.{info.name}")
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
            ):
                assert name not in models, f"two payloads named {name}"
                models[name] = value
    return models


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Any:
    tmp = tmp_path_factory.mktemp("openapi")
    return create_app(ApiSettings(db_url=f"sqlite:///{tmp}/schema.db", data_dir=Path(tmp))).openapi()


def answers(document: Any) -> list[tuple[str, str]]:
    """(operation, schema name) of every JSON success answer the schema documents."""
    out = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
                if status.startswith("2") and "$ref" in schema:
                    out.append((f"{method.upper()} {path}", schema["$ref"].rsplit("/", 1)[1]))
    return out


def test_every_documented_answer_is_a_shared_payload_with_its_fields(document: Any) -> None:
    models = payload_models()
    schemas = document["components"]["schemas"]
    documented = answers(document)
    assert len(documented) >= 40
    for operation, name in documented:
        model_name = name.removeprefix("Page_").removesuffix("_")  # a page of X is Page_X_
        assert model_name in models, (operation, name)
        assert set(schemas[model_name]["properties"]) == set(models[model_name].model_fields), name
    # Errors are documented with the shared problem details too.
    assert set(schemas["Problem"]["properties"]) == set(models["Problem"].model_fields)


def test_a_license_answer_names_the_entry_that_proves_it(document: Any) -> None:
    assert {"version", "leaf_hash"} <= set(document["components"]["schemas"]["LicenseOut"]["required"])
