import { randomUUID } from 'node:crypto';

import { AwsError } from './errors';
import type { OperationContext, OperationDefinition, OperationOutput } from './operation';

/** SNS operations (Query protocol). */
export const SNS_OPERATIONS: Record<string, OperationDefinition> = {
	Publish: {
		iamAction: 'sns:Publish',
		resourceOf: ({ request }) => stringParam(request.params, 'TopicArn') ?? stringParam(request.params, 'TargetArn') ?? '*',
		readOnly: false,
		requestParameters: (params) => ({
			topicArn: stringParam(params, 'TopicArn'),
			targetArn: stringParam(params, 'TargetArn'),
			subject: stringParam(params, 'Subject'),
		}),
		handle: publish,
	},
};

function stringParam(params: Record<string, unknown>, name: string): string | undefined {
	return typeof params[name] === 'string' ? (params[name] as string) : undefined;
}

/** Accepts a message for any topic ARN and stores it in `publishedMessages`. */
function publish({ state, request, caller }: OperationContext): OperationOutput {
	const params = request.params;
	const topicArn = stringParam(params, 'TopicArn');
	const targetArn = stringParam(params, 'TargetArn');
	const message = stringParam(params, 'Message');
	if (message === undefined) {
		throw new AwsError('InvalidParameter', 'Invalid parameter: Message Reason: no value for required parameter', 400);
	}
	if (topicArn === undefined && targetArn === undefined && stringParam(params, 'PhoneNumber') === undefined) {
		throw new AwsError('InvalidParameter', 'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter', 400);
	}

	const messageId = randomUUID();
	state.data.publishedMessages.push({
		MessageId: messageId,
		TopicArn: topicArn,
		TargetArn: targetArn,
		Subject: stringParam(params, 'Subject'),
		Message: message,
		callerArn: caller.arn,
	});
	return { result: { MessageId: messageId }, responseElements: { messageId } };
}
