import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from ...workflow.roles import GROUP_NAMES, Role, role_group

# Login, role, and the display name bylines show (login names are never printed publicly).
LOGINS = [
    ("writer", Role.WRITER, "李晓文"),
    ("editor", Role.EDITOR, "王立新"),
    ("chief", Role.CHIEF, "张建华"),
    ("siteadmin", Role.SITE_ADMIN, "赵敏"),
]


class Command(BaseCommand):
    help = "Create (or keep) one staff login per role and print them; passwords are kept in a folder."

    def add_arguments(self, parser):
        parser.add_argument("--password-dir", required=True, help="Where each login's password is kept.")

    def handle(self, *args, password_dir, **options):
        folder = Path(password_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for username, role, display_name in LOGINS:
            path = folder / f"{username}-password"
            if not path.exists():
                path.write_text(secrets.token_urlsafe(12) + "\n")
                path.chmod(0o600)
            password = path.read_text().strip()
            user, _ = get_user_model().objects.get_or_create(username=username, defaults={"is_staff": True})
            user.is_staff = True
            user.first_name = user.first_name or display_name
            user.set_password(password)
            user.save()
            user.groups.set([role_group(role)])
            self.stdout.write(f"{GROUP_NAMES[role]}: {username} / {password}")
