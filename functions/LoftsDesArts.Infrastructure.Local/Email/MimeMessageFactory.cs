using System.Security.Cryptography;
using System.Text;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;
using MimeKit;
using MimeKit.Text;

namespace LoftsDesArts.Infrastructure.Local.Email;

/// <summary>
/// Builds the MIME message that SMTP sends and the outbox writes, identically: From, To, Subject,
/// Date, a Message-ID derived from <see cref="EmailMessage.MessageId"/> (so a retry carries the same
/// one), Content-Language, Auto-Submitted, and multipart/alternative text + HTML in UTF-8, encoded
/// for 7-bit transport.
/// </summary>
public sealed class MimeMessageFactory
{
    /// <summary>For the outbox when no sender is configured: the reserved .invalid domain cannot be mistaken for a real one.</summary>
    public const string FallbackFromAddress = "portail@lofts-des-arts.invalid";

    private readonly MailboxAddress _from;
    private readonly string _idDomain;
    private readonly TimeProvider _time;

    public MimeMessageFactory(EmailFromOptions from, TimeProvider time)
    {
        var address = string.IsNullOrWhiteSpace(from.Address) ? FallbackFromAddress : from.Address.Trim();
        _from = new MailboxAddress(from.DisplayName, address);
        _idDomain = address[(address.LastIndexOf('@') + 1)..];
        _time = time;
    }

    public MimeMessage Create(EmailMessage message)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = _time.GetUtcNow(),
            MessageId = MessageIdFor(message.MessageId, _idDomain),
        };
        mime.From.Add(_from);
        mime.To.Add(new MailboxAddress(message.To.DisplayName ?? string.Empty, message.To.Address));
        // RFC 3834: an automatic message; well-behaved auto-responders do not answer it.
        mime.Headers.Add("Auto-Submitted", "auto-generated");

        var text = new TextPart(TextFormat.Plain);
        text.SetText(Encoding.UTF8, message.TextBody);
        var html = new TextPart(TextFormat.Html);
        html.SetText(Encoding.UTF8, message.HtmlBody);
        var body = new MultipartAlternative { text, html };

        // A Content-* header belongs to the top-level entity (MimeKit keeps it with the body).
        body.Headers.Add(HeaderId.ContentLanguage, message.Language == Language.En ? "en-CA" : "fr-CA");
        mime.Body = body;
        mime.Prepare(EncodingConstraint.SevenBit);
        return mime;
    }

    /// <summary>
    /// The Message-ID (without angle brackets) for a message id: its characters kept where RFC 5322
    /// allows them in a dot-atom, others turned into dots (<c>evt:u-1:kind</c> → <c>evt.u-1.kind</c>);
    /// a long one is shortened with a hash of the whole, so it stays unique and stable.
    /// </summary>
    public static string MessageIdFor(string messageId, string domain)
    {
        var local = Sanitize(messageId, ".", 120);
        return $"{local}@{domain}";
    }

    /// <summary>A file- and header-safe form of an id: letters, digits, '-', '_' and the separator.</summary>
    public static string Sanitize(string id, string separator, int maxLength)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && !EndsWith(builder, separator))
            {
                builder.Append(separator);
            }
        }

        var safe = builder.ToString().TrimEnd(separator.ToCharArray());
        if (safe.Length == 0)
        {
            safe = "message";
        }

        if (safe.Length <= maxLength)
        {
            return safe;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..16];
        return safe[..(maxLength - 17)].TrimEnd(separator.ToCharArray()) + separator + hash;
    }

    private static bool EndsWith(StringBuilder builder, string value) =>
        builder.Length >= value.Length && builder.ToString(builder.Length - value.Length, value.Length) == value;
}
