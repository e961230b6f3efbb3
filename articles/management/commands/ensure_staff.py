import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from ...workflow.roles import GROUP_NAMES, Role, role_group

LOGINS = [
    ("writer", Role.WRITER),
    ("editor", Role.EDITOR),
    ("chief", Role.CHIEF),
    ("siteadmin", Role.SITE_ADMIN),
]


class Command(BaseCommand):
    help = "Create (or keep) one staff login per role and print them; passwords are kept in a folder."

    def add_arguments(self, parser):
        parser.add_argument("--password-dir", required=True, help="Where each login's password is kept.")

    def handle(self, *args, password_dir, **options):
        folder = Path(password_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for username, role in LOGINS:
            path = folder / f"{username}-password"
            if not path.exists():
                path.write_text(secrets.token_urlsafe(12) + "\n")
                path.chmod(0o600)
            password = path.read_text().strip()
            user, _ = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.set([role_group(role)])
            self.stdout.write(f"{GROUP_NAMES[role]}: {username} / {password}")
