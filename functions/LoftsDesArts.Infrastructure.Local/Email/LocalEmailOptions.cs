namespace LoftsDesArts.Infrastructure.Local.Email;

/// <summary>
/// Email in the self-host (configuration section <c>Email</c>). With no <c>Email:Smtp:Host</c>, mail
/// goes to the <c>.eml</c> outbox folder, so a fresh machine works without a mail server.
/// </summary>
public sealed class LocalEmailOptions
{
    public const string SectionName = "Email";

    public EmailFromOptions From { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Where the outbox writes; default <c>{Storage:DataFolder}/outbox</c>. Relative paths start at the current directory.</summary>
    public string? OutboxFolder { get; set; }
}

public sealed class EmailFromOptions
{
    /// <summary>
    /// The sender address; its domain also names Message-IDs. Required with SMTP; the outbox defaults
    /// to an address in the reserved <c>.invalid</c> domain so that it cannot pass for a real one.
    /// </summary>
    public string? Address { get; set; }

    public string DisplayName { get; set; } = "Lofts des Arts";
}

public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS when offered otherwise (MailKit's Auto).</summary>
    Auto,

    /// <summary>Plain text: only for a relay on loopback or a test server.</summary>
    None,

    /// <summary>STARTTLS, required.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

public sealed class SmtpOptions
{
    /// <summary>Setting a host switches email from the outbox to SMTP.</summary>
    public string? Host { get; set; }

    /// <summary>0: the default port of <see cref="Security"/> (25, 465 or 587 as MailKit chooses).</summary>
    public int Port { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>Authenticate when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Connect and command timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When to try again after a 4xx reply or a connection failure (the notice waits until then).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(2);
}
