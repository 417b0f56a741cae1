import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getService, listOperations, SERVICES } from '../../../core/aws/services';

/** Bundled services, for the Service list. */
export async function getServices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return SERVICES.map((service) => ({ name: service.name, value: service.id, description: service.packageName }));
}

/** Operations of the chosen service, read from its SDK client. */
export async function getOperations(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const service = getService(this.getCurrentNodeParameter('service') as string);
	return listOperations(service).map((operation) => ({ name: operation, value: operation }));
}
