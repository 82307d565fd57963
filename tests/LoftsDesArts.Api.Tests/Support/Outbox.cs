using LoftsDesArts.Infrastructure.Local.Email;
using MimeKit;

namespace LoftsDesArts.Api.Tests.Support;

/// <summary>The self-host's email outbox, read as a person reads their mail.</summary>
public static class Outbox
{
    public static string Folder(this PortalFactory factory) => Path.Combine(factory.DataFolder, "outbox");

    /// <summary>Waits on the condition (the stopwatch only guards against a hang) up to <paramref name="timeout"/>, only a guard against hangs) for an email to an address matching a predicate.</summary>
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

    public static IReadOnlyList<MimeMessage> All(this PortalFactory factory) =>
        Directory.Exists(factory.Folder()) ? [.. OutboxEmailSender.Files(factory.Folder()).Select(f => MimeMessage.Load(f))] : [];

    /// <summary>The six-digit code in the text part.</summary>
    public static string Code(this MimeMessage message) =>
        System.Text.RegularExpressions.Regex.Match(message.TextBody ?? string.Empty, @"\b\d{6}\b").Value;

    /// <summary>The first link to the portal in the text part.</summary>
    public static Uri Link(this MimeMessage message) =>
        new(System.Text.RegularExpressions.Regex.Match(message.TextBody ?? string.Empty, @"https?://\S+").Value);
}
