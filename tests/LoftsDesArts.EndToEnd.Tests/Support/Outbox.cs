using System.Text.RegularExpressions;
using LoftsDesArts.Infrastructure.Local.Email;
using MimeKit;

namespace LoftsDesArts.EndToEnd.Tests.Support;

/// <summary>
/// The self-host's email outbox (a folder of <c>.eml</c> files), read as a person reads their mail:
/// the plain-text part, its link and its six-digit code. Waits are driven by file-system events
/// (each file is renamed into place once complete), with a timeout that only guards against hangs.
/// </summary>
public sealed partial class Outbox
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _folder;

    public Outbox(string folder)
    {
        _folder = folder;
        Directory.CreateDirectory(folder);
    }

    /// <summary>Messages to an address, oldest first.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. OutboxEmailSender.Files(_folder).Select(path => MimeMessage.Load(path)).Where(m => IsTo(m, address))];

    /// <summary>The first message to <paramref name="address"/> whose subject is <paramref name="subject"/>, waiting for it to arrive.</summary>
    public async Task<MimeMessage> WaitForAsync(string address, string subject)
    {
        using var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(_folder, "*.eml") { NotifyFilter = NotifyFilters.FileName };
        watcher.Created += (_, _) => changed.Release();
        watcher.Renamed += (_, _) => changed.Release();
        watcher.EnableRaisingEvents = true;

        using var deadline = new CancellationTokenSource(Timeout);
        while (true)
        {
            // Look after the watcher is on, so a message written in between is not missed.
            if (To(address).FirstOrDefault(m => m.Subject == subject) is { } found)
            {
                return found;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var seen = string.Join("\n  ", To(address).Select(m => m.Subject));
                throw new TimeoutException($"No email \"{subject}\" to {address} within {Timeout.TotalSeconds} s. Emails to that address:\n  {(seen.Length == 0 ? "(none)" : seen)}");
            }
        }
    }

    /// <summary>The only link in the plain-text part that goes to <paramref name="pathPrefix"/> (for example <c>/fr/verifier?jeton=</c>).</summary>
    public static string Link(MimeMessage message, string pathPrefix)
    {
        var links = LinkPattern().Matches(message.TextBody ?? string.Empty).Select(m => m.Value).Where(u => new Uri(u).PathAndQuery.StartsWith(pathPrefix, StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(links.Count == 1, $"Expected one link to {pathPrefix} in \"{message.Subject}\", found {links.Count}:\n{message.TextBody}");
        return links[0];
    }

    /// <summary>The six-digit code, set on its own indented line in the plain-text part.</summary>
    public static string SixDigitCode(MimeMessage message)
    {
        var codes = CodePattern().Matches(message.TextBody ?? string.Empty).Select(m => m.Groups[1].Value).ToList();
        Assert.True(codes.Count == 1, $"Expected one six-digit code in \"{message.Subject}\", found {codes.Count}:\n{message.TextBody}");
        return codes[0];
    }

    /// <summary>The plain-text part with its line wrapping undone (every run of white space as one space), to find a sentence in it.</summary>
    public static string Flowed(MimeMessage message) => WhiteSpace().Replace(message.TextBody ?? string.Empty, " ");

    /// <summary>The message's language as its Content-Language says (fr-CA, en-CA).</summary>
    public static string? Language(MimeMessage message) =>
        message.Body?.Headers[HeaderId.ContentLanguage] ?? message.Headers[HeaderId.ContentLanguage];

    private static bool IsTo(MimeMessage message, string address) =>
        message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^[ \t]+(\d{6})[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex CodePattern();
}
