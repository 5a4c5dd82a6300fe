from django.core.management.base import BaseCommand, CommandError

from billing.models import CreditPack


def positive(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise ValueError
    return number


class Command(BaseCommand):
    help = "Create or update the credit pack sold as Polar product ID (matched by --polar-product-id)."

    def add_arguments(self, parser):
        parser.add_argument("--polar-product-id", required=True)
        parser.add_argument("--credits", required=True, type=positive, help="Credits granted per purchase (> 0).")
        parser.add_argument("--name", required=True)
        parser.add_argument("--price-cents", required=True, type=positive, help="Price shown, in cents (> 0).")
        parser.add_argument("--currency", default="usd")
        parser.add_argument("--inactive", action="store_true", help="Hide the pack from the pricing page.")

    def handle(self, *args, polar_product_id, credits, name, price_cents, currency, inactive, **options):
        product_id, name, currency = polar_product_id.strip(), name.strip(), currency.strip().lower()
        if not product_id or not name:
            raise CommandError("--polar-product-id and --name must not be empty")
        if len(currency) != 3 or not currency.isalpha():
            raise CommandError(f"--currency must be a three-letter code, not {currency!r}")
        pack, created = CreditPack.objects.update_or_create(
            polar_product_id=product_id,
            defaults={
                "name": name,
                "credits": credits,
                "price_cents": price_cents,
                "currency": currency,
                "active": not inactive,
            },
        )
        self.stdout.write(f"{'Created' if created else 'Updated'} credit pack {pack.pk}: {pack} for {pack.price}")
