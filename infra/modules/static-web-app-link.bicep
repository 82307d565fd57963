// Links the Functions app to the Static Web App as its backend ("bring your own functions"): requests to
// https://<web>/api/* are proxied to the Functions app, so the browser sees one origin for pages, API
// and session cookies. See docs/azure.md for why a Flex Consumption app is linked directly.

@description('Name of the Static Web App (Standard SKU).')
param staticWebAppName string

@description('Name of the Functions app to link.')
param functionAppName string

@description('Region of the Functions app.')
param functionAppLocation string

resource staticWebApp 'Microsoft.Web/staticSites@2024-04-01' existing = {
  name: staticWebAppName
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource backend 'Microsoft.Web/staticSites/linkedBackends@2024-04-01' = {
  parent: staticWebApp
  name: 'api'
  properties: {
    backendResourceId: functionApp.id
    region: functionAppLocation
  }
}

output backendResourceId string = backend.properties.backendResourceId
