"""Send people a direct message when new articles mention words they follow: once per article, bundled.

After each feed poll, every person who follows words gets at most one message holding every new
article (first stored after they followed the word, within a day) that mentions one of them and
that came from a feed they can see: one followed by a channel of the same workspace (and let in
by that channel's filter), or, for a word followed in a direct message, by that conversation
itself. Each article is reserved for the person before the message is posted and marked sent
after (bot.storage.alerts), so a person hears about an article once, even across crashes.

A person gets at most `per_hour` articles an hour. Matches over that cap are not sent later
(an alert is about now); they are counted, and the next message says how many there were.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.chat import DirectMessenger, RecipientUnavailable
from bot.commands.model import Reply
from bot.schedule.channel_digests import channel_filter
from bot.storage.alerts import AlertRepository
from bot.storage.follows import FollowRepository
from bot.storage.records import AlertBatch, FollowRecord, StoredArticle, SubscriptionRecord
from bot.storage.subscriptions import SubscriptionRepository
from bot.topics import TermMatcher, article_text, show_terms
from bot.values import Clock

_log = logging.getLogger("newsbrief.alerts")

# People messaged at once after a poll.
CONCURRENCY = 10


@dataclass(frozen=True)
class AlertOptions:
    """How alerts go out: the hourly cap per person, and how far back "new" reaches."""

    per_hour: int = 10
    # An article first stored longer ago than this is not news to alert about (e.g. after downtime).
    lookback: timedelta = timedelta(hours=24)


@dataclass
class AlertReport:
    """What one round of alerts did."""

    messages: int = 0
    articles: int = 0
    held: int = 0
    dropped: int = 0
    failed: int = 0

    def summary(self) -> str:
        """Return one line such as "2 alerts sent (3 articles)", or "" when nothing happened."""
        if not (self.messages or self.held or self.dropped or self.failed):
            return ""
        parts = [f"{self.messages} alert{'s' if self.messages != 1 else ''} sent ({self.articles} articles)"]
        if self.held:
            parts.append(f"{self.held} over the hourly cap")
        if self.failed:
            parts.append(f"{self.failed} to retry")
        if self.dropped:
            parts.append(f"{self.dropped} undeliverable")
        return ", ".join(parts)


class AlertSender:
    """Match new articles against people's follows and send each person one direct message per round."""

    def __init__(
        self,
        follows: FollowRepository,
        alerts: AlertRepository,
        subscriptions: SubscriptionRepository,
        *,
        clock: Clock,
        options: AlertOptions = AlertOptions(),
        messengers: Iterable[DirectMessenger] = (),
    ) -> None:
        self.follows = follows
        self.alerts = alerts
        self.subscriptions = subscriptions
        self.options = options
        self._clock = clock
        self._messengers: dict[str, DirectMessenger] = {}
        self._round = asyncio.Lock()
        for messenger in messengers:
            self.register_messenger(messenger)

    def register_messenger(self, messenger: DirectMessenger) -> None:
        """Send direct messages for `messenger.platform` through it."""
        self._messengers[messenger.platform] = messenger

    def remove_messenger(self, messenger: DirectMessenger) -> None:
        """Stop sending through `messenger` (if it is still the one registered for its platform)."""
        if self._messengers.get(messenger.platform) is messenger:
            del self._messengers[messenger.platform]

    async def send_alerts(self) -> AlertReport:
        """Post alerts left pending by an earlier round, then this round's; never raises for one person."""
        report = AlertReport()
        async with self._round:
            follows = await asyncio.to_thread(self.follows.all_follows)
            by_person = _by_person(follows)
            for user, batch_key in await asyncio.to_thread(self.alerts.pending_batches):
                if user.platform in self._messengers:
                    batch = await asyncio.to_thread(self.alerts.batch, user, batch_key)
                    await self._post(batch, by_person.get((user.platform, user.user), []), report)
            if not by_person:
                return report
            subscriptions = await asyncio.to_thread(self.subscriptions.list_subscriptions)
            slots = asyncio.Semaphore(CONCURRENCY)

            async def one(person_follows: list[FollowRecord]) -> None:
                async with slots:
                    await self._alert_person(person_follows, subscriptions, report)

            await asyncio.gather(*(
                one(person_follows) for (platform, _), person_follows in by_person.items()
                if platform in self._messengers
            ))
        return report

    async def _alert_person(
        self, follows: list[FollowRecord], subscriptions: Sequence[SubscriptionRecord], report: AlertReport
    ) -> None:
        user = follows[0].user
        now = self._clock()
        try:
            matches = await asyncio.to_thread(self._matches, follows, subscriptions, now)
            if not matches:
                return
            key = f"alert:{user.platform}:{user.user}:{now.isoformat()}:{secrets.token_hex(3)}"
            batch = await asyncio.to_thread(
                self.alerts.reserve_alerts, user, key, [article.id for article in matches],
                per_hour=self.options.per_hour, now=now,
            )
        except Exception:  # one person's trouble (a database hiccup) must not cost the others their alerts
            _log.exception("Could not prepare alerts for %s; the next poll tries again.", user)
            report.failed += 1
            return
        if not batch.articles:
            if batch.held:
                _log.info("%s is at the cap of %d alerts an hour; %d new matches only counted.",
                          user, self.options.per_hour, batch.held)
                report.held += len(matches)
            return
        report.held += max(0, len(matches) - len(batch.articles))
        await self._post(batch, follows, report)

    def _matches(
        self, follows: list[FollowRecord], subscriptions: Sequence[SubscriptionRecord], now: datetime
    ) -> list[StoredArticle]:
        """Return the new articles one person should hear about, newest first."""
        scopes = {follow.id: _visible(follow, subscriptions) for follow in follows}
        feed_ids = {feed_id for scope in scopes.values() for channel in scope for feed_id in channel.feed_ids}
        if not feed_ids:
            return []
        since = max(now - self.options.lookback, min(follow.created_at for follow in follows))
        candidates = self.alerts.unalerted_articles(follows[0].user, feed_ids, since=since)
        matchers = {follow.id: TermMatcher([follow.term]) for follow in follows}
        return [article for article in candidates if _wanted(article, follows, matchers, scopes)]

    async def _post(self, batch: AlertBatch, follows: list[FollowRecord], report: AlertReport) -> None:
        messenger = self._messengers.get(batch.user.platform)
        if messenger is None or not batch.articles:
            return
        reply = alert_reply(batch, follows, per_hour=self.options.per_hour)
        try:
            await messenger.send_direct(batch.user, reply)
        except RecipientUnavailable as gone:
            dropped = await asyncio.to_thread(self.alerts.drop_batch, batch.user, batch.batch_key)
            _log.warning("Could not send %s a direct message (%s); %d alerts dropped.", batch.user, gone.reason,
                         dropped)
            report.dropped += dropped
            return
        except Exception:  # the rows stay pending: the next round posts this very message again
            _log.exception("Sending alerts to %s failed; they stay pending and are retried.", batch.user)
            report.failed += 1
            return
        await asyncio.to_thread(self.alerts.mark_sent, batch.user, batch.batch_key, now=self._clock())
        report.messages += 1
        report.articles += len(batch.articles)


def alert_reply(batch: AlertBatch, follows: Sequence[FollowRecord], *, per_hour: int) -> Reply:
    """Write one person's alert: which of their words came up, then the briefings."""
    matcher = TermMatcher(follow.term for follow in follows)
    found = {term for article in batch.articles for term in matcher.found_in(article_text(article.title, article.text))}
    terms = [show_terms([term]) for term in dict.fromkeys(follow.term for follow in follows) if term in found]
    about = f" about {_and_list(terms)}" if terms else ""
    count = len(batch.articles)
    text = f"A new article{about}:" if count == 1 else f"{count} new articles{about}:"
    if batch.held:
        more = "article" if batch.held == 1 else "articles"
        text += (f"\n(Also {batch.held} more {more} over your limit of {per_hour} alerts an hour; "
                 "`lookup <words>` finds them.)")
    return Reply(text=text, briefings=tuple(article.briefing for article in batch.articles))


def _and_list(items: list[str]) -> str:
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)


def _by_person(follows: Iterable[FollowRecord]) -> dict[tuple[str, str], list[FollowRecord]]:
    grouped: dict[tuple[str, str], list[FollowRecord]] = {}
    for follow in follows:
        grouped.setdefault((follow.user.platform, follow.user.user), []).append(follow)
    return grouped


def _visible(follow: FollowRecord, subscriptions: Sequence[SubscriptionRecord]) -> list[SubscriptionRecord]:
    """Return the channels whose feeds a follow draws on: its own direct message, or its workspace's channels."""
    if follow.private:
        return [s for s in subscriptions if s.channel == follow.channel]
    return [
        s for s in subscriptions
        if s.channel.platform == follow.channel.platform and s.channel.workspace == follow.channel.workspace
        and (not s.private or s.channel == follow.channel)
    ]


def _wanted(
    article: StoredArticle,
    follows: list[FollowRecord],
    matchers: dict[int, TermMatcher],
    scopes: dict[int, list[SubscriptionRecord]],
) -> bool:
    """Tell whether a follow made before the article was stored matches it, through a channel that lets it in."""
    text = article_text(article.title, article.text)
    for follow in follows:
        if follow.created_at > article.fetched_at or not matchers[follow.id].any_in(text):
            continue
        for channel in scopes[follow.id]:
            accept = channel_filter(channel)
            if article.feed_id in channel.feed_ids and (accept is None or accept(article)):
                return True
    return False

