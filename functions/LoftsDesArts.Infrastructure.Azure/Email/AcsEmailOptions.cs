namespace LoftsDesArts.Infrastructure.Azure.Email;

/// <summary>Azure Communication Services Email (configuration section <c>Email:Acs</c>).</summary>
public sealed class AcsEmailOptions
{
    public const string SectionName = "Email:Acs";

    /// <summary>The Communication Services resource, for example <c>https://lofts.canada.communication.azure.com</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>A sender of a verified domain linked to the resource, for example <c>DoNotReply@portail.example.com</c>.</summary>
    public string? SenderAddress { get; set; }

    /// <summary>
    /// The client id of the user-assigned managed identity to authenticate with (production). Empty:
    /// <c>DefaultAzureCredential</c> (system-assigned identity, or a developer's sign-in).
    /// </summary>
    public string? ManagedIdentityClientId { get; set; }

    public string ApiVersion { get; set; } = "2023-03-31";

    /// <summary>
    /// Quick retries inside one send, for a dropped connection or a 500/502/504 (safe: the Operation-Id
    /// makes them the same operation). 429 and 503 are not retried here: they defer the notice.
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First delay between those quick retries (exponential after it).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one HTTP attempt may take.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The deferral after a 429/503 without a Retry-After, or after a failure to reach the service.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>No open or click tracking in transactional mail (privacy by default, Law 25).</summary>
    public bool DisableUserEngagementTracking { get; set; } = true;
}
