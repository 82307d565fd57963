using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LoftsDesArts.Testing.Support;
using Xunit;

namespace LoftsDesArts.Testing.Emulators;

/// <summary>
/// Azurite 3.37.0 (blob, queue, table) started by the test fixture on free loopback ports, with its data in a
/// temp folder, and killed (with its whole process tree) on dispose. Install it first: <c>npm ci</c> in
/// <c>tests/tools</c>. Use as a class or collection fixture.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime, IDisposable
{
    /// <summary>Azurite's well-known development account (public, documented; not a secret).</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly TempFolder _data = new();
    private readonly System.Text.StringBuilder _output = new();
    private Process? _process;

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    public int TablePort { get; private set; }

    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{AccountName}");

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};"
        + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};"
        + $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public static string ScriptPath => RepositoryPaths.Combine("tests", "tools", "node_modules", "azurite", "dist", "src", "azurite.js");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ScriptPath))
        {
            throw new InvalidOperationException($"Azurite is not installed at {ScriptPath}: run `npm ci` in tests/tools first.");
        }

        (BlobPort, QueuePort, TablePort) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            ScriptPath,
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", Port(BlobPort), "--queuePort", Port(QueuePort), "--tablePort", Port(TablePort),
            "--location", _data.Path, "--skipApiVersionCheck", "--silent", "--loose",
        })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync().ConfigureAwait(false);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Kills Azurite and its children, then deletes its data. Safe to call twice.</summary>
    public void Dispose()
    {
        if (_process is { } process)
        {
            _process = null;
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        _data.Dispose();
    }

    /// <summary>Every service answers HTTP (any status): then it is ready.</summary>
    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                if (_process!.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}: {Output()}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/{AccountName}?comp=list")).ConfigureAwait(false);
                    break;
                }
                catch (HttpRequestException) when (deadline.Elapsed < StartTimeout)
                {
                    await Task.Delay(100).ConfigureAwait(false);
                }
                catch (TaskCanceledException) when (deadline.Elapsed < StartTimeout)
                {
                    // The per-request timeout: try again.
                }
            }
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
