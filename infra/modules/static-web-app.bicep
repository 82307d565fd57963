// The Static Web App that serves web/dist and, through its linked backend (static-web-app-link.bicep),
// proxies /api/* to the Functions app on the same origin. Standard SKU: linked backends need it.
import { tagsType } from 'types.bicep'

@description('Name of the Static Web App.')
param name string

@description('Region of the Static Web App resource (a Static Web Apps region; content is served worldwide).')
param location string

@description('Tags of the Static Web App, including azd-service-name.')
param tags tagsType

resource staticWebApp 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {
    // azd uploads web/dist with the SWA deployment client; no repository is linked.
    provider: 'Custom'
    allowConfigFileUpdates: true
    // Linked backends do not serve pull-request environments; none are created.
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = staticWebApp.name
output defaultHostname string = staticWebApp.properties.defaultHostname
output uri string = 'https://${staticWebApp.properties.defaultHostname}'
