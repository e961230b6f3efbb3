"""Staff accounts: logging in (lockout, throttle, second factor) and how people are named in public.

django-axes locks an account out from an address after NEWSROOM's failure limit, in the
database, so every worker and node agrees; ``throttle`` refuses a flood of attempts from
one address before any password is hashed; ``two_factor`` adds TOTP (django-otp) for
anyone who has set it up and requires it for the roles in NEWSROOM_TWO_FACTOR_ROLES.
"""
