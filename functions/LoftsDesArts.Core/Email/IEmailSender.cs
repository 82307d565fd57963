namespace LoftsDesArts.Core.Email;

/// <summary>
/// Hands an email to a provider: SMTP (MailKit), the .eml outbox folder, or ACS Email.
/// Throws <see cref="EmailDeferredException"/> when the provider asks to retry later and
/// <see cref="EmailRejectedException"/> when it refuses the message for good.
/// </summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>The provider refused for now (quota, 429, 4xx SMTP reply); try again after <see cref="RetryAfter"/>.</summary>
public sealed class EmailDeferredException : Exception
{
    public EmailDeferredException(string message, TimeSpan retryAfter, Exception? inner = null)
        : base(message, inner) => RetryAfter = retryAfter;

    public EmailDeferredException()
        : this("deferred", TimeSpan.FromMinutes(1))
    {
    }

    public EmailDeferredException(string message)
        : this(message, TimeSpan.FromMinutes(1))
    {
    }

    public EmailDeferredException(string message, Exception innerException)
        : this(message, TimeSpan.FromMinutes(1), innerException)
    {
    }

    public TimeSpan RetryAfter { get; }

    /// <summary>
    /// A short diagnostic code safe to store and show to staff (for example <c>smtp:451</c>,
    /// <c>acs:429</c>): never the provider's text, which may echo the recipient's address.
    /// </summary>
    public string ProviderCode { get; init; } = "deferred";
}
