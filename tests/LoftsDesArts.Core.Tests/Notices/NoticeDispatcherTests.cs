using System.Collections.Concurrent;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using LoftsDesArts.Testing.Notices;
using Moq;

namespace LoftsDesArts.Core.Tests.Notices;

public sealed class NoticeDispatcherTests
{
    private const string Building = "lofts-des-arts";
    private static readonly EmailRenderer Renderer = new();
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 19, 0, 0, TimeSpan.Zero);

    private readonly MockNoticeStore _store = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly NoticeOptions _options = new() { MaxAttempts = 3 };

    [Fact]
    public async Task DispatchAsync_NewEvent_SendsOncePerRecipientAndMarksSent()
    {
        var sender = new RecordingSender();
        var evt = RegistrationEvent("reg-1");

        var results = await Dispatcher(sender).DispatchAsync(evt, [Zoe(), Eloise()], CancellationToken.None);

        Assert.Equal([NoticeOutcome.Sent, NoticeOutcome.Sent], results.Select(r => r.Outcome));
        Assert.Equal(["reg-1:registration.submitted:u-zoe:registration-received", "reg-1:registration.submitted:u-eloise:registration-received"], results.Select(r => r.NoticeId));
        Assert.Equal(2, sender.Sent.Count);

        var zoe = sender.Sent.Single(m => m.To.Address == "zoe@example.test");
        Assert.Equal(results[0].NoticeId, zoe.MessageId);
        Assert.Equal(Language.Fr, zoe.Language);
        Assert.Equal("Nous avons reçu votre demande d'inscription", zoe.Subject);
        Assert.Equal("We received your registration request", sender.Sent.Single(m => m.To.Address == "eloise@example.test").Subject);

        var stored = _store.Get(Containers.Buildings, Building, results[0].NoticeId);
        Assert.Equal(NoticeState.Sent, stored.State);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal(Start, stored.SentAt);
        Assert.Equal(evt.Id, stored.EventId);
        Assert.Equal(Building, stored.BuildingId);
        Assert.Null(stored.NextAttemptAt);

        // Once sent, the notice keeps no address, name or link.
        Assert.Null(stored.Payload);
        Assert.DoesNotContain("zoe@", _store.RawJson(Containers.Buildings, Building, results[0].NoticeId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DispatchAsync_EventReplayed_SendsNothingMore()
    {
        var sender = new RecordingSender();
        var dispatcher = Dispatcher(sender);
        var evt = RegistrationEvent("reg-2");
        await dispatcher.DispatchAsync(evt, [Zoe()], CancellationToken.None);

        var again = await dispatcher.DispatchAsync(evt, [Zoe()], CancellationToken.None);

        Assert.Equal(NoticeOutcome.AlreadySent, Assert.Single(again).Outcome);
        Assert.Single(sender.Sent);
    }

    [Fact]
    public async Task DispatchAsync_TwoConcurrentDispatchersForTheSameEvents_SendEachNoticeExactlyOnce()
    {
        var sender = new RecordingSender();
        var first = Dispatcher(sender);
        var second = Dispatcher(sender);
        var events = Enumerable.Range(0, 25).Select(i => RegistrationEvent($"reg-c{i}")).ToList();

        var runs = events.SelectMany(evt => new[]
        {
            Task.Run(() => first.DispatchAsync(evt, [Zoe(), Eloise()], CancellationToken.None)),
            Task.Run(() => second.DispatchAsync(evt, [Zoe(), Eloise()], CancellationToken.None)),
        });
        var results = (await Task.WhenAll(runs)).SelectMany(r => r).ToList();

        Assert.Equal(50, sender.Sent.Count);
        Assert.All(sender.Sent.GroupBy(m => m.MessageId), g => Assert.Single(g));
        Assert.Equal(50, results.Count(r => r.Outcome == NoticeOutcome.Sent));
        Assert.All(results.Where(r => r.Outcome != NoticeOutcome.Sent), r => Assert.Contains(r.Outcome, new[] { NoticeOutcome.AlreadySent, NoticeOutcome.InProgress }));
        Assert.All(_store.All(), n => Assert.Equal(NoticeState.Sent, n.State));
    }

    [Fact]
    public async Task DispatchAsync_ProviderDefers_WaitsForItsRetryAfterThenSendsWithTheSameId()
    {
        var sender = new Mock<IEmailSender>(MockBehavior.Strict);
        sender.SetupSequence(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailDeferredException("busy <zoe@example.test>", TimeSpan.FromSeconds(90)) { ProviderCode = "acs:429" })
            .Returns(Task.CompletedTask);
        var dispatcher = Dispatcher(sender.Object);

        var first = Assert.Single(await dispatcher.DispatchAsync(RegistrationEvent("reg-3"), [Zoe()], CancellationToken.None));

        Assert.Equal(NoticeOutcome.Deferred, first.Outcome);
        var deferred = _store.Get(Containers.Buildings, Building, first.NoticeId);
        Assert.Equal(NoticeState.Pending, deferred.State);
        Assert.Equal(Start.AddSeconds(90), deferred.NextAttemptAt);
        Assert.Equal("acs:429", deferred.LastError);
        Assert.NotNull(deferred.Payload);

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Empty(await dispatcher.RetryDueAsync(Containers.Buildings, 10, CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(31));
        var retried = Assert.Single(await dispatcher.RetryDueAsync(Containers.Buildings, 10, CancellationToken.None));

        Assert.Equal(new NoticeResult(first.NoticeId, NoticeOutcome.Sent), retried);
        sender.Verify(s => s.SendAsync(It.Is<EmailMessage>(m => m.MessageId == first.NoticeId), It.IsAny<CancellationToken>()), Times.Exactly(2));
        var done = _store.Get(Containers.Buildings, Building, first.NoticeId);
        Assert.Equal(NoticeState.Sent, done.State);
        Assert.Equal(2, done.Attempts);
        Assert.Null(done.LastError);
    }

    [Fact]
    public async Task DispatchAsync_ProviderRejects_FailsVisiblyAndStaffCanRetry()
    {
        var sender = new Mock<IEmailSender>(MockBehavior.Strict);
        sender.SetupSequence(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailRejectedException("550 5.1.1 <zoe@example.test>: no such user", "smtp:550"))
            .Returns(Task.CompletedTask);
        var dispatcher = Dispatcher(sender.Object);

        var result = Assert.Single(await dispatcher.DispatchAsync(RegistrationEvent("reg-4"), [Zoe()], CancellationToken.None));

        Assert.Equal(NoticeOutcome.Failed, result.Outcome);
        var page = await _store.Store.QueryAsync<NoticeDocument>(NoticeQueries.FailedInBuilding, Building, NoticeQueries.FailedArgs(), 10, null, CancellationToken.None);
        var failed = Assert.Single(page.Items).Value;
        Assert.Equal(result.NoticeId, failed.Id);
        Assert.Equal("smtp:550", failed.LastError);
        Assert.Null(failed.NextAttemptAt);
        Assert.Empty(await dispatcher.RetryDueAsync(Containers.Buildings, 10, CancellationToken.None));

        var retried = await dispatcher.RetryFailedAsync(Containers.Buildings, Building, result.NoticeId, CancellationToken.None);

        Assert.Equal(NoticeOutcome.Sent, retried.Outcome);
        sender.Verify(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.Equal(NoticeState.Sent, _store.Get(Containers.Buildings, Building, result.NoticeId).State);
    }

    [Fact]
    public async Task RetryDueAsync_UnexpectedErrors_BackOffThenFailWithoutPersonalData()
    {
        var sender = new Mock<IEmailSender>(MockBehavior.Strict);
        sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("connection to mx for zoe@example.test reset"));
        var dispatcher = Dispatcher(sender.Object);

        var id = Assert.Single(await dispatcher.DispatchAsync(RegistrationEvent("reg-5"), [Zoe()], CancellationToken.None)).NoticeId;
        Assert.Equal(Start.AddSeconds(30), _store.Get(Containers.Buildings, Building, id).NextAttemptAt);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(NoticeOutcome.Deferred, Assert.Single(await dispatcher.RetryDueAsync(Containers.Buildings, 10, CancellationToken.None)).Outcome);
        Assert.Equal(_time.GetUtcNow().AddSeconds(60), _store.Get(Containers.Buildings, Building, id).NextAttemptAt);

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(NoticeOutcome.Failed, Assert.Single(await dispatcher.RetryDueAsync(Containers.Buildings, 10, CancellationToken.None)).Outcome);

        var failed = _store.Get(Containers.Buildings, Building, id);
        Assert.Equal(NoticeState.Failed, failed.State);
        Assert.Equal(3, failed.Attempts);
        Assert.Equal("error:IOException", failed.LastError);
        sender.Verify(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task RetryDueAsync_ProcessDiedWhileSending_ResendsOnlyAfterTheLease()
    {
        // The first dispatcher claims the notice, then its process stops mid-send (cancelled here).
        using var crash = new CancellationTokenSource();
        var hanging = new Mock<IEmailSender>(MockBehavior.Strict);
        hanging.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Returns(async (EmailMessage _, CancellationToken ct) =>
            {
                await crash.CancelAsync();
                ct.ThrowIfCancellationRequested();
            });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Dispatcher(hanging.Object).DispatchAsync(RegistrationEvent("reg-6"), [Zoe()], crash.Token));
        var id = Assert.Single(_store.All()).Id;
        Assert.Equal(NoticeState.Sending, _store.Get(Containers.Buildings, Building, id).State);

        var sender = new RecordingSender();
        var survivor = Dispatcher(sender);
        _time.Advance(_options.SendingLease - TimeSpan.FromSeconds(1));
        Assert.Empty(await survivor.RetryDueAsync(Containers.Buildings, 10, CancellationToken.None));
        Assert.Equal(NoticeOutcome.InProgress, Assert.Single(await survivor.DispatchAsync(RegistrationEvent("reg-6"), [Zoe()], CancellationToken.None)).Outcome);

        _time.Advance(TimeSpan.FromSeconds(1));
        var resent = Assert.Single(await survivor.RetryDueAsync(Containers.Buildings, 10, CancellationToken.None));

        Assert.Equal(NoticeOutcome.Sent, resent.Outcome);
        Assert.Equal(id, Assert.Single(sender.Sent).MessageId);
        Assert.Equal(2, _store.Get(Containers.Buildings, Building, id).Attempts);
    }

    [Fact]
    public async Task DispatchAsync_AccountEvent_StoresNoticeInTheUsersPartition()
    {
        var sender = new RecordingSender();
        var evt = EventDocument.ForUser("u-zoe", "u-zoe", "account.password-changed", Start);
        var recipient = new NoticeRecipient("u-zoe", new EmailAddress("zoe@example.test", "Zoé Tremblay"), Language.Fr, new PasswordChanged("Zoé Tremblay", Start));

        var result = Assert.Single(await Dispatcher(sender).DispatchAsync(evt, [recipient], CancellationToken.None));

        var stored = _store.Get(Containers.Users, "u-zoe", result.NoticeId);
        Assert.Equal("u-zoe", stored.UserId);
        Assert.Null(stored.BuildingId);
        Assert.Equal(NoticeState.Sent, stored.State);
        Assert.Equal("Votre mot de passe a été modifié", Assert.Single(sender.Sent).Subject);
    }

    [Fact]
    public void Queries_DueFailedAndOfEvents_AreIndexableNamedQueries()
    {
        Assert.Equal(5, NoticeQueries.All.Select(q => q.Name).Distinct().Count());
        Assert.Equal(["eventId", "createdAt"], NoticeQueries.OfEventsInBuilding.IndexPaths());
        Assert.Equal(["state", "nextAttemptAt"], NoticeQueries.DueInBuildings.IndexPaths());
        Assert.True(NoticeQueries.DueInUsers.CrossPartition);
        Assert.False(NoticeQueries.FailedInBuilding.CrossPartition);
        Assert.Equal("2026-11-26T19:00:00.000Z", NoticeQueries.DueArgs(Start)[NoticeQueries.NowParameter]);
    }

    private static EventDocument RegistrationEvent(string registrationId) =>
        EventDocument.ForBuilding(Building, registrationId, "registration.submitted", Start);

    private static NoticeRecipient Zoe() =>
        new("u-zoe", new EmailAddress("zoe@example.test", "Zoé Tremblay"), Language.Fr, new RegistrationReceived("Zoé Tremblay", "504"));

    private static NoticeRecipient Eloise() =>
        new("u-eloise", new EmailAddress("eloise@example.test", "Éloïse Gagnon"), Language.En, new RegistrationReceived("Éloïse Gagnon", "1204"));

    private NoticeDispatcher Dispatcher(IEmailSender sender) =>
        new(_store.Store, sender, Renderer, _time, _options, NullLogger<NoticeDispatcher>.Instance);

    /// <summary>Accepts everything; yields so concurrent sends interleave.</summary>
    private sealed class RecordingSender : IEmailSender
    {
        private readonly ConcurrentQueue<EmailMessage> _sent = new();

        public IReadOnlyList<EmailMessage> Sent => [.. _sent];

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            await Task.Yield();
            _sent.Enqueue(message);
        }
    }
}
