using System.Text.RegularExpressions;
using MimeKit;

namespace LoftsDesArts.Api.Tests.Support;

/// <summary>The self-host's email outbox (<c>{data}/outbox/*.eml</c>, written by the background pump's notices).</summary>
public static partial class Outbox
{
    /// <summary>A guard against a hung test, not a timing assertion: the pump reacts within 250 ms.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(15);

    /// <summary>Waits for an email to <paramref name="address"/> whose subject contains <paramref name="subjectPart"/>.</summary>
    public static async Task<MimeMessage> WaitForAsync(this PortalFactory factory, string address, string subjectPart)
    {
        var folder = Path.Combine(factory.DataFolder, "outbox");
        using var timeout = new CancellationTokenSource(Guard);
        while (true)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase))
                        && (message.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal))
                    {
                        return message;
                    }
                }
            }

            try
            {
                await Task.Delay(50, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"No email to {address} with \"{subjectPart}\" in its subject reached {folder}.");
            }
        }
    }

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
