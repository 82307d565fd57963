using System.Diagnostics;
using System.Text;
using LoftsDesArts.Testing.Support;

namespace LoftsDesArts.Infra.Tests.Support;

/// <summary>
/// Runs the real Bicep CLI. The binary comes from the NuGet package Azure.Bicep.CommandLine.linux-x64,
/// fetched and cached by <c>infra/build.sh --path</c> (the same restore CI and developers use), so the
/// only network this needs is the NuGet registry, and only the first time.
/// </summary>
internal static class BicepBuild
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(2);

    public static async Task<string> FetchCliAsync()
    {
        var result = await RunAsync("bash", [RepositoryPaths.Combine("infra", "build.sh"), "--path"], FetchTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"infra/build.sh --path failed ({result.ExitCode}):\n{result.Output}");
        }

        var path = result.StandardOutput.Trim().Split('\n')[^1].Trim();
        return File.Exists(path) ? path : throw new InvalidOperationException($"No bicep binary at '{path}':\n{result.Output}");
    }

    /// <summary>Compiles <paramref name="bicepFile"/> to <paramref name="outFile"/>; the linter runs as part of the build.</summary>
    public static Task<ProcessResult> BuildAsync(string bicepCli, string bicepFile, string outFile) =>
        RunAsync(bicepCli, ["build", bicepFile, "--outfile", outFile], BuildTimeout);

    private static async Task<ProcessResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }
}

internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Output => StandardOutput + StandardError;
}
