// Lofts des Arts portal on Azure: a Static Web App in front of an Azure Functions app (Flex Consumption,
// .NET 10 isolated worker) on Cosmos DB, SignalR Service, Storage, Communication Services email,
// Key Vault and Application Insights. Every service is reached with the Functions app's user-assigned
// identity; local (key) authentication is switched off wherever the service allows it.
//
// Deploy with `azd up` (docs/azure.md). Build and lint offline with infra/build.sh.
targetScope = 'subscription'

import { tagsType, principalKindType, containerCompositeIndexesType } from 'modules/types.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; it names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Region of the resources. Canada Central by default so that residents\' data stays in Canada (Law 25).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string = 'canadacentral'

@description('Region of the Static Web App resource. Static Web Apps has no Canadian region; it holds only the built web assets (served worldwide) while every API call and all data stay in the main region.')
@allowed([
  'centralus'
  'eastus2'
  'westus2'
  'westeurope'
  'eastasia'
])
param staticWebAppLocation string = 'eastus2'

@description('Object id of the developer running azd: given the same data-plane roles as the app, to run it locally against these resources. Empty for none (CI).')
param principalId string = ''

@description('Kind of principalId.')
param principalType principalKindType = 'User'

@description('Where Communication Services keeps email data at rest.')
param communicationDataLocation string = 'Canada'

@description('SignalR Service SKU: Free_F1 for a trial (20 connections, no SLA), Standard_S1 for a building in service.')
@allowed([
  'Free_F1'
  'Standard_S1'
])
param signalRSkuName string = 'Standard_S1'

@description('Directory (tenant) id of the staff\'s Entra ID; by default the deployment\'s tenant.')
param entraTenantId string = tenant().tenantId

@description('Application (client) id of the staff sign-in app registration (docs/azure.md); empty: Entra ID sign-in is off.')
param entraClientId string = ''

@description('Largest number of Functions instances.')
@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@description('Memory of each Functions instance, in MB.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('Days a deleted key vault (and its secrets) stays recoverable; purge protection forbids purging sooner.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('Composite indexes per Cosmos DB container, generated from the named queries.')
param cosmosCompositeIndexes containerCompositeIndexesType = loadJsonContent('cosmos-indexes.json', '$.containers')

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags tagsType = {
  'azd-env-name': environmentName
}
var apiServiceName = 'api'
var webServiceName = 'web'
var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
var cosmosDatabaseName = 'lofts'
var pumpNudgeQueueName = 'pump-nudge'
var packagePhotosContainerName = 'package-photos'
var deploymentContainerName = 'app-package-${resourceToken}'
var storageAccountName = '${abbrs.storageStorageAccounts}${resourceToken}'
var applicationInsightsName = '${abbrs.insightsComponents}${resourceToken}'
var staticWebAppName = '${abbrs.webStaticSites}${resourceToken}'

// Role assignments are named guid(scope.id, principalId, roleId) (the azd convention): the principal id
// of the identity is known only once it exists, so What-If cannot predict those names. The
// what-if-short-circuiting rule is an error everywhere else; each exception below says so.

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    #disable-next-line what-if-short-circuiting // role assignment names use the principal id (see above)
    functionsPrincipalId: identity.outputs.principalId
    developerPrincipalId: principalId
    developerPrincipalType: principalType
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    pumpNudgeQueueName: pumpNudgeQueueName
    packagePhotosContainerName: packagePhotosContainerName
    #disable-next-line what-if-short-circuiting // role assignment names use the principal id (see above)
    functionsPrincipalId: identity.outputs.principalId
    developerPrincipalId: principalId
    developerPrincipalType: principalType
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: resourceGroup
  params: {
    name: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    location: location
    tags: tags
    databaseName: cosmosDatabaseName
    compositeIndexes: cosmosCompositeIndexes
    #disable-next-line what-if-short-circuiting // role assignment names use the principal id (see above)
    functionsPrincipalId: identity.outputs.principalId
    developerPrincipalId: principalId
  }
}

module web 'modules/static-web-app.bicep' = {
  name: 'web'
  scope: resourceGroup
  params: {
    name: staticWebAppName
    location: staticWebAppLocation
    tags: union(tags, {
      'azd-service-name': webServiceName
    })
  }
}

module signalR 'modules/signalr.bicep' = {
  name: 'signalr'
  scope: resourceGroup
  params: {
    name: '${abbrs.signalRServiceSignalR}${resourceToken}'
    location: location
    tags: tags
    skuName: signalRSkuName
    webOrigin: web.outputs.uri
    #disable-next-line what-if-short-circuiting // role assignment names use the principal id (see above)
    functionsPrincipalId: identity.outputs.principalId
    developerPrincipalId: principalId
    developerPrincipalType: principalType
  }
}

module communication 'modules/communication.bicep' = {
  name: 'communication'
  scope: resourceGroup
  params: {
    communicationServiceName: '${abbrs.communicationCommunicationServices}${resourceToken}'
    emailServiceName: '${abbrs.communicationEmailServices}${resourceToken}'
    dataLocation: communicationDataLocation
    tags: tags
    #disable-next-line what-if-short-circuiting // role assignment names use the principal id (see above)
    functionsPrincipalId: identity.outputs.principalId
    developerPrincipalId: principalId
    developerPrincipalType: principalType
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    #disable-next-line what-if-short-circuiting // role assignment names use the principal id (see above)
    functionsPrincipalId: identity.outputs.principalId
    developerPrincipalId: principalId
    developerPrincipalType: principalType
  }
}

module api 'modules/function-app.bicep' = {
  name: 'api'
  scope: resourceGroup
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: union(tags, {
      'azd-service-name': apiServiceName
    })
    planTags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    pumpNudgeQueueName: pumpNudgeQueueName
    packagePhotosContainerName: packagePhotosContainerName
    applicationInsightsName: applicationInsightsName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    signalREndpoint: signalR.outputs.endpoint
    communicationEndpoint: communication.outputs.endpoint
    emailSenderAddress: communication.outputs.senderAddress
    keyVaultUri: keyVault.outputs.uri
    webOrigin: web.outputs.uri
    entraTenantId: entraTenantId
    entraClientId: entraClientId
    maximumInstanceCount: functionMaximumInstanceCount
    instanceMemoryMB: functionInstanceMemoryMB
  }
  dependsOn: [
    storage
    monitoring
  ]
}

module apiLink 'modules/static-web-app-link.bicep' = {
  name: 'api-link'
  scope: resourceGroup
  params: {
    staticWebAppName: staticWebAppName
    functionAppName: functionAppName
    functionAppLocation: location
  }
  dependsOn: [
    web
    api
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name

output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_FUNCTION_APP_HOSTNAME string = api.outputs.defaultHostname
output AZURE_FUNCTIONS_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_FUNCTIONS_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output AZURE_STATIC_WEB_APP_NAME string = web.outputs.name
output WEB_URI string = web.outputs.uri
// The API is reached through the web origin (linked backend), so pages, API and cookies share one origin.
output API_BASE_URL string = '${web.outputs.uri}/api'

output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE_NAME string = cosmos.outputs.databaseName
output SIGNALR_ENDPOINT string = signalR.outputs.endpoint
output ACS_ENDPOINT string = communication.outputs.endpoint
output ACS_EMAIL_SENDER_ADDRESS string = communication.outputs.senderAddress
output KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint
output STORAGE_PUMP_NUDGE_QUEUE string = storage.outputs.pumpNudgeQueueName
output STORAGE_PACKAGE_PHOTOS_CONTAINER string = storage.outputs.packagePhotosContainerName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output API_LINKED_BACKEND_ID string = apiLink.outputs.backendResourceId
