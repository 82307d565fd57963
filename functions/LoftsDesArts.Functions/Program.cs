using LoftsDesArts.Functions.Telemetry;
using LoftsDesArts.Http;
using LoftsDesArts.Infrastructure.Azure;
using LoftsDesArts.Infrastructure.Azure.Email;
using LoftsDesArts.Infrastructure.Azure.Identity;
using LoftsDesArts.Infrastructure.Azure.Realtime;
using LoftsDesArts.Infrastructure.Azure.Security;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSingleton(TimeProvider.System);

// Traces, metrics and logs to Application Insights with the managed identity (APPLICATIONINSIGHTS_CONNECTION_STRING).
builder.Services.AddPortalTelemetry(builder.Configuration);
builder.Services.AddApiSurface();
builder.Services.AddCosmosDocumentStore(builder.Configuration);

// Session and secret-encryption keys in Key Vault (KeyVault:Uri), read or created before the host serves.
builder.Services.AddKeyVaultSigningKeys(builder.Configuration);
builder.Services.AddAzureRealtime(builder.Configuration);
builder.Services.AddAzureEmail(builder.Configuration);

// Staff sign-in with Entra ID when Entra:ClientId is set; otherwise its routes answer "not configured".
builder.Services.AddAzureEntraSignIn(builder.Configuration);

// The change-feed pump (PumpFunctions), the scheduler, dead letters, and the queue nudge raised after commits.
builder.Services.AddAzureEventPump(builder.Configuration);

await builder.Build().RunAsync().ConfigureAwait(false);
