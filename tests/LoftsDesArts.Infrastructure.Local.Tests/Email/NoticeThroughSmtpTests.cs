using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local.Email;
using LoftsDesArts.Testing.Email;
using LoftsDesArts.Testing.Notices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Infrastructure.Local.Tests.Email;

/// <summary>The notice protocol end to end through the real SMTP sender and an SMTP server.</summary>
public sealed class NoticeThroughSmtpTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(EmailTestData.Now);
    private readonly MockNoticeStore _store = new();
    private SmtpCapture _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpCapture.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task DispatchAsync_ServerSays451ThenAccepts_DeliversOnceWithTheNoticeMessageId()
    {
        var sender = new SmtpEmailSender(
            EmailTestData.Options(o => o.Smtp = new SmtpOptions { Host = _smtp.Host, Port = _smtp.Port, Security = SmtpSecurity.None, RetryAfter = TimeSpan.FromMinutes(3) }),
            _time,
            NullLogger<SmtpEmailSender>.Instance);
        var dispatcher = new NoticeDispatcher(_store.Store, sender, new EmailRenderer(), _time, new NoticeOptions(), NullLogger<NoticeDispatcher>.Instance);
        var evt = EventDocument.ForBuilding("lofts-des-arts", "reg-9", "registration.approved", EmailTestData.Now);
        var recipient = new NoticeRecipient(
            "u-zoe",
            new EmailAddress("zoe@example.test", "Zoé Tremblay"),
            Language.Fr,
            new RegistrationApproved("Zoé Tremblay", "504", new Uri("https://portail.example.test/fr/connexion")));
        _smtp.ReplyNext(451, "4.7.1 Greylisted, try again later");

        var first = Assert.Single(await dispatcher.DispatchAsync(evt, [recipient], CancellationToken.None));
        Assert.Equal(NoticeOutcome.Deferred, first.Outcome);
        Assert.Equal("smtp:451", _store.Get(Containers.Buildings, "lofts-des-arts", first.NoticeId).LastError);
        Assert.Empty(_smtp.Messages);

        _time.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(NoticeOutcome.Sent, Assert.Single(await dispatcher.RetryDueAsync(Containers.Buildings, 10, CancellationToken.None)).Outcome);
        Assert.Equal(NoticeOutcome.AlreadySent, Assert.Single(await dispatcher.DispatchAsync(evt, [recipient], CancellationToken.None)).Outcome);

        var delivered = Assert.Single(_smtp.Messages);
        Assert.Equal("reg-9.registration.approved.u-zoe.registration-approved@lofts.example.test", delivered.MessageId);
        Assert.Equal("Votre inscription est approuvée", delivered.Subject);
        Assert.Contains("https://portail.example.test/fr/connexion", delivered.TextBody, StringComparison.Ordinal);
    }
}
