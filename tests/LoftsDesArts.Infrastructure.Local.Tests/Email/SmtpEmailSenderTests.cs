using System.Net;
using System.Net.Sockets;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Infrastructure.Local.Email;
using LoftsDesArts.Testing.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace LoftsDesArts.Infrastructure.Local.Tests.Email;

public sealed class SmtpEmailSenderTests : IAsyncLifetime
{
    private SmtpCapture _smtp = null!;

    public async Task InitializeAsync() => _smtp = await SmtpCapture.StartAsync();

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task SendAsync_RenderedEmail_ArrivesWithUtf8NamesBothPartsAndDerivedMessageId()
    {
        var message = await EmailTestData.PasswordResetAsync();

        await Sender().SendAsync(message, CancellationToken.None);

        var mail = Assert.Single(_smtp.Mail);
        var mime = mail.Message;
        Assert.Equal("Réinitialisez votre mot de passe", mime.Subject);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(mime.From));
        Assert.Equal("Éloïse · Lofts des Arts", from.Name);
        Assert.Equal("portail@lofts.example.test", from.Address);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(mime.To));
        Assert.Equal("Zoé Tremblay", to.Name);
        Assert.Equal("zoe@example.test", to.Address);
        Assert.Equal("portail@lofts.example.test", mail.EnvelopeFrom);
        Assert.Equal(["zoe@example.test"], mail.EnvelopeTo);

        Assert.Equal("reg-1.registration.submitted.u-zoe.password-reset@lofts.example.test", mime.MessageId);
        Assert.Equal("fr-CA", mime.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Equal("auto-generated", mime.Headers["Auto-Submitted"]);
        Assert.Equal(EmailTestData.Now.AddMilliseconds(-EmailTestData.Now.Millisecond), mime.Date);

        var alternative = Assert.IsType<MultipartAlternative>(mime.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal(message.TextBody, mime.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(message.HtmlBody, mime.HtmlBody!.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Contains("https://portail.example.test/reinitialiser?jeton=abc", mime.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_SameMessageTwice_CarriesTheSameMessageId()
    {
        var message = await EmailTestData.PasswordResetAsync();
        var sender = Sender();

        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(message, CancellationToken.None);

        Assert.Equal(2, _smtp.Messages.Count);
        Assert.Single(_smtp.Messages.Select(m => m.MessageId).Distinct());
    }

    [Fact]
    public async Task SendAsync_Server451_ThrowsDeferredWithCodeAndConfiguredDelay()
    {
        _smtp.ReplyNext(451, "4.3.0 Mailbox busy, try again later");

        var deferred = await Assert.ThrowsAsync<EmailDeferredException>(async () =>
            await Sender().SendAsync(await EmailTestData.PasswordResetAsync(), CancellationToken.None));

        Assert.Equal("smtp:451", deferred.ProviderCode);
        Assert.Equal(TimeSpan.FromMinutes(7), deferred.RetryAfter);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task SendAsync_Server550_ThrowsRejected()
    {
        _smtp.ReplyNext(550, "5.1.1 Mailbox unavailable");

        var rejected = await Assert.ThrowsAsync<EmailRejectedException>(async () =>
            await Sender().SendAsync(await EmailTestData.PasswordResetAsync(), CancellationToken.None));

        Assert.Equal("smtp:550", rejected.ProviderCode);
    }

    [Fact]
    public async Task SendAsync_NothingListening_ThrowsDeferred()
    {
        int closedPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var deferred = await Assert.ThrowsAsync<EmailDeferredException>(async () =>
            await Sender(closedPort).SendAsync(await EmailTestData.PasswordResetAsync(), CancellationToken.None));

        Assert.StartsWith("smtp:", deferred.ProviderCode, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(7), deferred.RetryAfter);
    }

    private SmtpEmailSender Sender(int? port = null) => new(
        EmailTestData.Options(o => o.Smtp = new SmtpOptions
        {
            Host = _smtp.Host,
            Port = port ?? _smtp.Port,
            Security = SmtpSecurity.None,
            Timeout = TimeSpan.FromSeconds(10),
            RetryAfter = TimeSpan.FromMinutes(7),
        }),
        new FakeTimeProvider(EmailTestData.Now),
        NullLogger<SmtpEmailSender>.Instance);
}
