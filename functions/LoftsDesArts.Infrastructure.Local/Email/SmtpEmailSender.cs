using System.Net.Sockets;
using LoftsDesArts.Core.Email;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Local.Email;

/// <summary>
/// Sends through an SMTP server with MailKit, one connection per message. A 4xx reply or a failure
/// to reach or talk to the server is <see cref="EmailDeferredException"/> (try again after
/// <see cref="SmtpOptions.RetryAfter"/>); a 5xx reply is <see cref="EmailRejectedException"/>. The
/// Message-ID comes from <see cref="EmailMessage.MessageId"/>, so a retry carries the same one.
/// </summary>
public sealed partial class SmtpEmailSender : IEmailSender
{
    private readonly SmtpOptions _smtp;
    private readonly string _host;
    private readonly MimeMessageFactory _factory;
    private readonly ILogger<SmtpEmailSender> _logger;

    public SmtpEmailSender(IOptions<LocalEmailOptions> options, TimeProvider time, ILogger<SmtpEmailSender> logger)
    {
        var value = options.Value;
        _smtp = value.Smtp;
        _host = string.IsNullOrWhiteSpace(_smtp.Host) ? throw new InvalidOperationException("Email:Smtp:Host is not set.") : _smtp.Host;

        if (string.IsNullOrWhiteSpace(value.From.Address))
        {
            throw new InvalidOperationException("Email:From:Address must be set to send through SMTP.");
        }

        _factory = new MimeMessageFactory(value.From, time);
        _logger = logger;
    }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = _factory.Create(message);
        using var client = new SmtpClient { Timeout = (int)_smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_host, _smtp.Port, Map(_smtp.Security), cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(_smtp.UserName))
            {
                await client.AuthenticateAsync(_smtp.UserName, _smtp.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(mime, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode is >= 400 and < 500)
        {
            throw new EmailDeferredException($"SMTP server deferred the message ({(int)e.StatusCode}).", _smtp.RetryAfter, e) { ProviderCode = $"smtp:{(int)e.StatusCode}" };
        }
        catch (SmtpCommandException e)
        {
            throw new EmailRejectedException($"SMTP server rejected the message ({(int)e.StatusCode}).", $"smtp:{(int)e.StatusCode}", e);
        }
        catch (Exception e) when (IsTransient(e, cancellationToken))
        {
            throw new EmailDeferredException($"SMTP server could not be reached ({e.GetType().Name}).", _smtp.RetryAfter, e) { ProviderCode = "smtp:" + e.GetType().Name };
        }

        // The server has accepted the message: a failed QUIT must not turn into a retry (a duplicate).
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ProtocolException or OperationCanceledException)
        {
            LogQuitFailed(e);
        }
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        IOException or SocketException or TimeoutException or ProtocolException or ServiceNotConnectedException
            or SslHandshakeException or AuthenticationException => true,
        _ => false,
    };

    private static SecureSocketOptions Map(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP QUIT failed after the message was accepted; not retried")]
    private partial void LogQuitFailed(Exception error);
}
