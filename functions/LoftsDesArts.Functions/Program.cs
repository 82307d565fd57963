using LoftsDesArts.Http;
using LoftsDesArts.Infrastructure.Azure;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddApiSurface();
builder.Services.AddCosmosDocumentStore(builder.Configuration);

await builder.Build().RunAsync().ConfigureAwait(false);
