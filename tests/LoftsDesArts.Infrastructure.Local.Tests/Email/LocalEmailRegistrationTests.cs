using LoftsDesArts.Core.Email;
using LoftsDesArts.Core.Notices;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Infrastructure.Local.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace LoftsDesArts.Infrastructure.Local.Tests.Email;

public sealed class LocalEmailRegistrationTests
{
    [Fact]
    public void AddLocalEmail_NoSmtpHost_SendsToTheOutbox()
    {
        using var provider = Build(("Email:OutboxFolder", "/tmp/lda-outbox-registration"));

        var sender = Assert.IsType<OutboxEmailSender>(provider.GetRequiredService<IEmailSender>());
        Assert.Equal("/tmp/lda-outbox-registration", sender.Folder);
        Assert.NotNull(provider.GetRequiredService<NoticeDispatcher>());
    }

    [Fact]
    public void AddLocalEmail_SmtpHost_SendsThroughSmtpWithBoundOptions()
    {
        using var provider = Build(
            ("Email:Smtp:Host", "smtp.example.test"),
            ("Email:Smtp:Port", "2525"),
            ("Email:Smtp:Security", "StartTls"),
            ("Email:From:Address", "portail@lofts.example.test"),
            ("Notices:MaxAttempts", "5"));

        Assert.IsType<SmtpEmailSender>(provider.GetRequiredService<IEmailSender>());
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<LocalEmailOptions>>().Value;
        Assert.Equal(2525, options.Smtp.Port);
        Assert.Equal(SmtpSecurity.StartTls, options.Smtp.Security);
        Assert.Equal(5, provider.GetRequiredService<NoticeOptions>().MaxAttempts);
    }

    [Fact]
    public void AddLocalEmail_SmtpWithoutSender_RefusesToStart()
    {
        using var provider = Build(("Email:Smtp:Host", "smtp.example.test"));

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IEmailSender>());
        Assert.Contains("Email:From:Address", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new Mock<IDocumentStore>().Object);
        services.AddLocalEmail(configuration);
        return services.BuildServiceProvider();
    }
}
