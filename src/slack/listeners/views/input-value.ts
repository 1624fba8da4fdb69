import type { ViewOutput } from '@slack/bolt';

/** The text typed in input block `blockId` (action id "value"), trimmed; "" if absent. */
export function inputValue(view: ViewOutput, blockId: string): string {
  return (view.state.values[blockId]?.value?.value ?? '').trim();
}

/** The value of the option chosen in select block `blockId`. */
export function selectedValue(view: ViewOutput, blockId: string): string | undefined {
  return view.state.values[blockId]?.value?.selected_option?.value ?? undefined;
}
