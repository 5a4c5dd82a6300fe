from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.core.exceptions import ValidationError

from accounts.models import ApiKey


def get_or_create_user(email: str):
    """Find the user by email or create one (who then gets the sign-up credits)."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user:
        return user, False
    user = User.objects.create_user(username=email[:150], email=email)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return user, True


class Command(BaseCommand):
    help = "Create an API key for EMAIL (creating the user if missing). The raw key is the last line of output."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="CLI key")

    def handle(self, *args, email, name, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not a valid email address") from None
        user, created = get_or_create_user(email)
        _, raw = ApiKey.issue(user, name)
        self.stdout.write(f"{'Created user' if created else 'User'} {user.email}; new key “{name}”:")
        self.stdout.write(raw)
