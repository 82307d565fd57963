using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Infrastructure.Local.Email;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Local.Tests.Email;

internal static class EmailTestData
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 19, 5, 30, 250, TimeSpan.Zero);

    private static readonly EmailRenderer Renderer = new();

    public static Task<EmailMessage> PasswordResetAsync(string messageId = "reg-1:registration.submitted:u-zoe:password-reset") =>
        Renderer.RenderAsync(
            new PasswordReset("Zoé Tremblay", new Uri("https://portail.example.test/reinitialiser?jeton=abc"), Now.AddHours(1)),
            new EmailAddress("zoe@example.test", "Zoé Tremblay"),
            Language.Fr,
            messageId);

    public static IOptions<LocalEmailOptions> Options(Action<LocalEmailOptions>? configure = null)
    {
        var options = new LocalEmailOptions
        {
            From = new EmailFromOptions { Address = "portail@lofts.example.test", DisplayName = "Éloïse · Lofts des Arts" },
        };
        configure?.Invoke(options);
        return Microsoft.Extensions.Options.Options.Create(options);
    }
}
