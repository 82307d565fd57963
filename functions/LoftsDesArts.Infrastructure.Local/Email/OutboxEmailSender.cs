using System.Globalization;
using LoftsDesArts.Core.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Local.Email;

/// <summary>
/// With no SMTP server configured, each message becomes a complete <c>.eml</c> file (the same MIME as
/// SMTP would send) in the outbox folder, written atomically (a hidden temp file, then a rename).
/// Files are named <c>{UTC yyyyMMddTHHmmssfff}-{message id}.eml</c>: name order is send order, and a
/// second send of one message is a second file, so duplicates can be counted by Message-ID.
/// </summary>
public sealed class OutboxEmailSender : IEmailSender
{
    private readonly MimeMessageFactory _factory;
    private readonly TimeProvider _time;

    public OutboxEmailSender(IOptions<LocalEmailOptions> options, IConfiguration configuration, TimeProvider time)
    {
        _factory = new MimeMessageFactory(options.Value.From, time);
        _time = time;
        Folder = ResolveFolder(options.Value, configuration);
    }

    /// <summary>The absolute path of the outbox folder.</summary>
    public string Folder { get; }

    /// <summary><c>Email:OutboxFolder</c>, else <c>{Storage:DataFolder}/outbox</c> (data folder default <c>data</c>).</summary>
    public static string ResolveFolder(LocalEmailOptions options, IConfiguration configuration)
    {
        var folder = options.OutboxFolder;
        if (string.IsNullOrWhiteSpace(folder))
        {
            var data = configuration["Storage:DataFolder"];
            folder = Path.Combine(string.IsNullOrWhiteSpace(data) ? "data" : data, "outbox");
        }

        return Path.GetFullPath(folder);
    }

    /// <summary>The outbox's messages, oldest first (the last is the newest).</summary>
    public static IReadOnlyList<string> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal).ToList()
            : [];

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = _factory.Create(message);
        Directory.CreateDirectory(Folder);

        var stamp = _time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture);
        var name = $"{stamp}-{MimeMessageFactory.Sanitize(message.MessageId, "_", 100)}";
        var temp = Path.Combine(Folder, $".{name}.{Path.GetRandomFileName()}.tmp");
        try
        {
            var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                await mime.WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            // Never overwrite: the same message sent twice in one millisecond is a second file.
            for (var n = 1; ; n++)
            {
                var target = Path.Combine(Folder, n == 1 ? $"{name}.eml" : $"{name}-{n}.eml");
                try
                {
                    File.Move(temp, target, overwrite: false);
                    return;
                }
                catch (IOException) when (File.Exists(target) && n < 1000)
                {
                }
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
