// The Azure Functions app (isolated worker, .NET 10) on a Flex Consumption plan, running as its
// user-assigned identity. Every setting that reaches another service names an endpoint and the identity;
// none carries a key or a connection string with a secret.
import { tagsType } from 'types.bicep'

@description('Name of the Functions app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Region of the plan and the app.')
param location string

@description('Tags of the app, including azd-service-name.')
param tags tagsType

@description('Tags of the plan.')
param planTags tagsType

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

@description('Name of the storage account for AzureWebJobsStorage and the deployment package.')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Queue nudged after each commit.')
param pumpNudgeQueueName string

@description('Blob container for package photos.')
param packagePhotosContainerName string

@description('Name of the Application Insights component.')
param applicationInsightsName string

@description('Cosmos DB account endpoint.')
param cosmosEndpoint string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('SignalR Service endpoint (https://<name>.service.signalr.net).')
param signalREndpoint string

@description('Communication Services endpoint.')
param communicationEndpoint string

@description('Sender address of the email domain.')
param emailSenderAddress string

@description('Key vault URI.')
param keyVaultUri string

@description('Origin of the web app (https://host). Unsafe API requests must come from it (CSRF check).')
param webOrigin string

@description('Directory (tenant) id of the staff\'s Entra ID.')
param entraTenantId string

@description('Application (client) id of the staff sign-in app registration; empty: Entra ID sign-in is off (the routes answer 404).')
param entraClientId string

@description('Largest number of instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Memory of each instance, in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

resource storage 'Microsoft.Storage/storageAccounts@2024-01-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: planTags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Only what Flex Consumption accepts: runtime, scale and deployment live in functionAppConfig, and the
    // plan-specific siteConfig properties (alwaysOn, linuxFxVersion, ...) are rejected or ignored there.
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // Host storage (timer and queue-listener leases, host keys) through the identity, no account key.
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue

      // The identity DefaultAzureCredential / ManagedIdentityCredential picks in the worker.
      AZURE_CLIENT_ID: identityClientId

      // Telemetry: the connection string names the component; ingestion needs an Entra token.
      APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'

      // Adapters (functions/LoftsDesArts.Infrastructure.Azure), all with the identity.
      CosmosDb__accountEndpoint: cosmosEndpoint
      CosmosDb__databaseName: cosmosDatabaseName
      SignalR__Endpoint: signalREndpoint
      Email__Acs__Endpoint: communicationEndpoint
      Email__Acs__SenderAddress: emailSenderAddress
      KeyVault__Uri: keyVaultUri
      Storage__BlobServiceUri: storage.properties.primaryEndpoints.blob
      Storage__QueueServiceUri: storage.properties.primaryEndpoints.queue
      Storage__PumpNudgeQueue: pumpNudgeQueueName
      Storage__PackagePhotosContainer: packagePhotosContainerName

      // Behind the Static Web App proxy the app sees its own host name, not the web origin: name the
      // origin unsafe requests must carry, and take the client address from X-Forwarded-For.
      Security__AllowedOrigins__0: webOrigin
      Security__TrustForwardedFor: 'true'

      // Links in emails (verification, reset, sign-in codes) point at the web app, not at this host.
      Portal__PublicOrigin: webOrigin

      // Staff sign-in with Entra ID (docs/azure.md): the app registration trusts this identity through a
      // federated credential, so there is no client secret anywhere.
      Entra__TenantId: entraTenantId
      Entra__ClientId: entraClientId
      Entra__ManagedIdentityClientId: identityClientId
    }
  }
}

// Deployments go through Entra ID (azd uses a bearer token); basic-auth publishing is switched off.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output defaultHostname string = functionApp.properties.defaultHostName
