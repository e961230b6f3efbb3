import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from ...workflow.roles import editors_group


class Command(BaseCommand):
    help = "Create (or keep) a staff editor account in the Editors group and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")
        parser.add_argument(
            "--password-file",
            required=True,
            help="Where the password is kept between runs.",
        )

    def handle(self, *args, username, password_file, **options):
        path = Path(password_file)
        if path.exists():
            password = path.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(password + "\n")
            path.chmod(0o600)
        user, _ = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
        user.is_staff = True
        user.set_password(password)
        user.save()
        user.groups.add(editors_group())
        self.stdout.write(f"Editor login: {username} / {password}")
