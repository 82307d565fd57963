using System.Text.RegularExpressions;
using LoftsDesArts.Infrastructure.Local.Email;
using MimeKit;

namespace LoftsDesArts.Api.Tests.Support;

/// <summary>The self-host's email outbox (<c>{data}/outbox/*.eml</c>, written by the background pump's notices), read as a person reads their mail.</summary>
public static partial class Outbox
{
    public static string Folder(this PortalFactory factory) => Path.Combine(factory.DataFolder, "outbox");

    /// <summary>
    /// Waits for an email to <paramref name="to"/> matching <paramref name="match"/>. The time limit (30 s unless given)
    /// is only a guard against a hung test, not a timing assertion: the pump reacts within 250 ms.
    /// </summary>
    public static async Task<MimeMessage> WaitForAsync(this PortalFactory factory, string to, Func<MimeMessage, bool>? match = null, TimeSpan? timeout = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        while (true)
        {
            var found = All(factory).LastOrDefault(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase)) && (match?.Invoke(m) ?? true));
            if (found is not null)
            {
                return found;
            }

            Assert.True(waited.Elapsed < limit, $"No email to {to} arrived in the outbox.");
            await Task.Delay(50);
        }
    }

    /// <summary>Waits for an email to <paramref name="to"/> whose subject contains <paramref name="subjectPart"/>.</summary>
    public static Task<MimeMessage> WaitForAsync(this PortalFactory factory, string to, string subjectPart) =>
        factory.WaitForAsync(to, m => (m.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal));

    public static IReadOnlyList<MimeMessage> All(this PortalFactory factory) =>
        Directory.Exists(factory.Folder()) ? [.. OutboxEmailSender.Files(factory.Folder()).Select(f => MimeMessage.Load(f))] : [];

    /// <summary>The six-digit code in the text part.</summary>
    public static string Code(this MimeMessage message) =>
        Regex.Match(message.TextBody ?? string.Empty, @"\b\d{6}\b").Value;

    /// <summary>The first link to the portal in the text part.</summary>
    public static Uri Link(this MimeMessage message) =>
        new(Regex.Match(message.TextBody ?? string.Empty, @"https?://\S+").Value);

    /// <summary>The token of the staff invitation link in an email's text (<c>/fr/invitation?jeton=…</c> or <c>/en/invitation?token=…</c>).</summary>
    public static (string Path, string Token) InvitationLink(MimeMessage message)
    {
        var match = InvitationLinkPattern().Match(message.TextBody ?? "");
        Assert.True(match.Success, "No invitation link in: " + message.TextBody);
        return (match.Groups["path"].Value, Uri.UnescapeDataString(match.Groups["token"].Value));
    }

    [GeneratedRegex(@"https?://[^/\s]+(?<path>/(fr|en)/invitation)\?(jeton|token)=(?<token>[A-Za-z0-9_%-]+)")]
    private static partial Regex InvitationLinkPattern();
}
