namespace LoftsDesArts.Core.Email;

/// <summary>
/// The provider refused the message for good (SMTP 5xx reply, ACS 4xx other than throttling):
/// sending it again will not help. The notice that carried it is marked failed for staff to see.
/// </summary>
public sealed class EmailRejectedException : Exception
{
    public EmailRejectedException(string message, string providerCode, Exception? inner = null)
        : base(message, inner) => ProviderCode = providerCode;

    public EmailRejectedException()
        : this("rejected", "rejected")
    {
    }

    public EmailRejectedException(string message)
        : this(message, "rejected")
    {
    }

    public EmailRejectedException(string message, Exception innerException)
        : this(message, "rejected", innerException)
    {
    }

    /// <summary>
    /// A short diagnostic code safe to store and show to staff (for example <c>smtp:550</c>,
    /// <c>acs:400:InvalidRecipient</c>): never the provider's text, which may echo the address.
    /// </summary>
    public string ProviderCode { get; }
}
