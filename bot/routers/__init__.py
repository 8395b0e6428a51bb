"""The bot's routers, in the order the Dispatcher tries them."""

from __future__ import annotations

from aiogram import Router


def feature_routers() -> list[Router]:
    """Fresh routers (so several Dispatchers can live in one process: tests, console).

    Order matters only for overlapping filters: specific commands first, the fallback (any
    unknown command, any text, any unknown button) strictly last.
    """
    from bot.routers import fallback, inline, latest, lists, region, search, start, topic

    routers = [
        start.build(),
        region.build(),
        topic.build(),
        latest.build(),
        search.build(),
        inline.build(),
        lists.build(),
    ]
    # ---- Routers of other features go HERE (subscriptions, settings, admin, chat members),
    # ---- e.g. `routers += [subscriptions.build(), admin.build()]`, before the fallback.
    from bot.routers import admin, chat_member, settings, sources, subscriptions

    # chat_member first: a /start passes through it (reviving an inactive chat) to start's.
    routers = [
        chat_member.build(),
        *routers,
        subscriptions.build(),
        settings.build(),
        admin.build(),
        sources.build(),
    ]
    from bot.routers import asking, partners

    routers.append(partners.build())
    routers.append(asking.build())  # plain words: after every command, before the fallback
    routers.append(fallback.build())
    return routers
