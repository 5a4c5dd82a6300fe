"""manage.py create_credit_pack."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from billing.models import CreditPack


def create(*args):
    call_command("create_credit_pack", *args)


def test_it_creates_a_pack(db, capsys):
    create("--polar-product-id", "prod_1", "--credits", "100", "--name", "Starter", "--price-cents", "900")
    pack = CreditPack.objects.get()
    assert (pack.polar_product_id, pack.credits, pack.name, pack.price_cents, pack.currency, pack.active) == (
        "prod_1", 100, "Starter", 900, "usd", True,
    )
    assert "Created credit pack" in capsys.readouterr().out


def test_it_updates_the_pack_with_the_same_product_id(db):
    create("--polar-product-id", "prod_1", "--credits", "100", "--name", "Starter", "--price-cents", "900")
    create("--polar-product-id", "prod_1", "--credits", "120", "--name", "Starter+", "--price-cents", "900",
           "--currency", "EUR", "--inactive")
    pack = CreditPack.objects.get()
    assert (pack.credits, pack.name, pack.currency, pack.active) == (120, "Starter+", "eur", False)


@pytest.mark.parametrize(
    "args",
    [
        ["--credits", "0", "--name", "X", "--price-cents", "100"],
        ["--credits", "ten", "--name", "X", "--price-cents", "100"],
        ["--credits", "10", "--name", "X", "--price-cents", "-5"],
        ["--credits", "10", "--name", " ", "--price-cents", "100"],
        ["--credits", "10", "--name", "X", "--price-cents", "100", "--currency", "euro"],
        ["--credits", "10", "--name", "X"],
    ],
)
def test_it_refuses_bad_values(db, args):
    with pytest.raises(CommandError):
        create("--polar-product-id", "prod_1", *args)
    assert not CreditPack.objects.exists()
