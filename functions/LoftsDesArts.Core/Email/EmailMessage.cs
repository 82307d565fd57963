using LoftsDesArts.Core.Common;

namespace LoftsDesArts.Core.Email;

public sealed record EmailAddress(string Address, string? DisplayName = null);

/// <summary>
/// A rendered email. <see cref="MessageId"/> is derived from the notice that sends it, so a retried
/// send carries the same id to the provider (SMTP Message-ID, ACS Operation-Id).
/// </summary>
public sealed record EmailMessage(
    string MessageId,
    EmailAddress To,
    string Subject,
    string HtmlBody,
    string TextBody,
    Language Language);
