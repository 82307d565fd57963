using LoftsDesArts.Infrastructure.Local.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace LoftsDesArts.Infrastructure.Local.Tests.Email;

public sealed class OutboxEmailSenderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "lda-outbox-" + Path.GetRandomFileName());
    private readonly FakeTimeProvider _time = new(EmailTestData.Now);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task SendAsync_Message_WritesOneCompleteEmlThatParsesBack()
    {
        var message = await EmailTestData.PasswordResetAsync();

        await Sender().SendAsync(message, CancellationToken.None);

        var file = Assert.Single(OutboxEmailSender.Files(_folder));
        Assert.Equal("20261126T190530250-reg-1_registration_submitted_u-zoe_password-reset.eml", Path.GetFileName(file));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories));
        Assert.Single(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));

        var mime = await MimeMessage.LoadAsync(file);
        Assert.Equal("reg-1.registration.submitted.u-zoe.password-reset@lofts.example.test", mime.MessageId);
        Assert.Equal("Réinitialisez votre mot de passe", mime.Subject);
        Assert.Equal("Zoé Tremblay", Assert.IsType<MailboxAddress>(Assert.Single(mime.To)).Name);
        Assert.Equal("Éloïse · Lofts des Arts", Assert.IsType<MailboxAddress>(Assert.Single(mime.From)).Name);
        Assert.Equal(message.TextBody, mime.TextBody!.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(message.HtmlBody, mime.HtmlBody!.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("fr-CA", mime.Body!.Headers[HeaderId.ContentLanguage]);
    }

    [Fact]
    public async Task SendAsync_SameMessageTwice_WritesTwoFilesWithOneMessageId()
    {
        var message = await EmailTestData.PasswordResetAsync();
        var sender = Sender();

        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(message, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        await sender.SendAsync(await EmailTestData.PasswordResetAsync("later"), CancellationToken.None);

        var files = OutboxEmailSender.Files(_folder);
        Assert.Equal(3, files.Count);
        var ids = new List<string>();
        foreach (var file in files)
        {
            ids.Add((await MimeMessage.LoadAsync(file)).MessageId!);
        }

        Assert.Equal(2, ids.Count(id => id == "reg-1.registration.submitted.u-zoe.password-reset@lofts.example.test"));
        Assert.Equal("later@lofts.example.test", ids[^1]);
    }

    [Fact]
    public void ResolveFolder_Configuration_FollowsOutboxThenDataFolderThenDefault()
    {
        static IConfiguration Config(params (string Key, string Value)[] pairs) =>
            new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();

        Assert.Equal(Path.GetFullPath(Path.Combine("data", "outbox")), OutboxEmailSender.ResolveFolder(new LocalEmailOptions(), Config()));
        Assert.Equal(Path.GetFullPath("/srv/lda/outbox"), OutboxEmailSender.ResolveFolder(new LocalEmailOptions(), Config(("Storage:DataFolder", "/srv/lda"))));
        Assert.Equal(Path.GetFullPath("/tmp/mail"), OutboxEmailSender.ResolveFolder(new LocalEmailOptions { OutboxFolder = "/tmp/mail" }, Config(("Storage:DataFolder", "/srv/lda"))));
    }

    [Fact]
    public async Task SendAsync_NoSenderConfigured_UsesTheReservedInvalidDomain()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new LocalEmailOptions { OutboxFolder = _folder });
        var sender = new OutboxEmailSender(options, new ConfigurationBuilder().Build(), _time);

        await sender.SendAsync(await EmailTestData.PasswordResetAsync(), CancellationToken.None);

        var mime = await MimeMessage.LoadAsync(Assert.Single(OutboxEmailSender.Files(_folder)));
        Assert.Equal(MimeMessageFactory.FallbackFromAddress, Assert.IsType<MailboxAddress>(Assert.Single(mime.From)).Address);
        Assert.Equal("Lofts des Arts", Assert.IsType<MailboxAddress>(Assert.Single(mime.From)).Name);
        Assert.EndsWith("@lofts-des-arts.invalid", mime.MessageId, StringComparison.Ordinal);
    }

    private OutboxEmailSender Sender() =>
        new(EmailTestData.Options(o => o.OutboxFolder = _folder), new ConfigurationBuilder().Build(), _time);
}
