using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Email;

/// <summary>A request as the stub received it.</summary>
public sealed record StubRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>What the stub answers next.</summary>
public sealed record StubReply(int Status, IReadOnlyDictionary<string, string>? Headers = null, string? Body = null);

/// <summary>
/// A stand-in for the ACS Email endpoint: Kestrel over HTTPS on 127.0.0.1 with a throw-away
/// self-signed certificate (the bearer-token policy refuses plain HTTP, as it should), recording each
/// request and answering from a queue (202 with an Operation-Location once the queue is empty).
/// One per test class (a class fixture); each test starts with <see cref="Reset"/>.
/// </summary>
public sealed class AcsStub : IAsyncLifetime
{
    private readonly ConcurrentQueue<StubRequest> _requests = new();
    private readonly ConcurrentQueue<StubReply> _replies = new();
    private WebApplication? _app;

    public X509Certificate2 Certificate { get; } = CreateCertificate();

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<StubRequest> Requests => [.. _requests];

    public async Task InitializeAsync()
    {
        var stub = this;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(stub.Certificate)));
        var app = builder.Build();
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub.Endpoint = new Uri(address);
        stub._app = app;
    }

    public void Reply(StubReply reply) => _replies.Enqueue(reply);

    public void Reset()
    {
        _requests.Clear();
        _replies.Clear();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            // No graceful drain: the client's pooled keep-alive connections would hold it for seconds.
            using var now = new CancellationTokenSource();
            await now.CancelAsync();
            await _app.StopAsync(now.Token);
            await _app.DisposeAsync();
        }

        Certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var start = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(start.AddMinutes(-5), start.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new StubRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));

        if (!_replies.TryDequeue(out var reply))
        {
            var operationId = context.Request.Headers["Operation-Id"].ToString();
            reply = new StubReply(
                202,
                new Dictionary<string, string>
                {
                    ["Operation-Location"] = $"{Endpoint}emails/operations/{operationId}?api-version=2023-03-31",
                    ["Retry-After"] = "30",
                },
                $$"""{"id":"{{operationId}}","status":"Running"}""");
        }

        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body);
        }
    }
}
