"""The product's fixed vocabulary (PRODUCT.md): statuses, priorities, kinds, seeded channels.

Import-light on purpose: the UI needs these before the database layer loads.
"""

TASK_STATUSES = ("backlog", "todo", "doing", "review", "done")
TASK_STATUS_LABELS = {
    "backlog": "Backlog",
    "todo": "To do",
    "doing": "In progress",
    "review": "Review",
    "done": "Done",
}
PRIORITIES = ("low", "normal", "high", "urgent")
PARTNER_KINDS = ("agency", "freelancer", "in-house")
PROMOTION_STATUSES = ("idea", "planned", "live", "done", "cancelled")
PROMOTION_STATUS_LABELS = {
    "idea": "Idea",
    "planned": "Planned",
    "live": "Live",
    "done": "Done",
    "cancelled": "Cancelled",
}
PROMOTION_KINDS = (
    "sale",
    "discount_code",
    "free_shipping",
    "bundle",
    "launch",
    "newsletter",
    "influencer",
    "other",
)
PROMOTION_KIND_LABELS = {
    "sale": "Sale",
    "discount_code": "Discount code",
    "free_shipping": "Free shipping",
    "bundle": "Bundle",
    "launch": "Launch",
    "newsletter": "Newsletter",
    "influencer": "Influencer",
    "other": "Other",
}
SEED_CHANNELS = (
    "SEO",
    "PPC",
    "Paid Social",
    "Email",
    "Social",
    "Content",
    "Affiliate",
    "Marketplaces",
    "Influencers",
    "Other",
)


def counted(n: int, noun: str) -> str:
    """``n`` with its noun: "1 task", "3 tasks" (regular plurals only)."""
    return f"{n} {noun}" if abs(n) == 1 else f"{n} {noun}s"
