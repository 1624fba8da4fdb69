/** The Block Kit checks Slack applies to messages, as the emulator enforces them. Returns Slack's error code or null. */

const MAX_BLOCKS = 50;
const MAX_BLOCKS_JSON = 13_000;
const MAX_SECTION_TEXT = 3000;
const MAX_HEADER_TEXT = 150;
const MAX_ACTION_ELEMENTS = 25;
const MAX_BUTTON_TEXT = 75;
const MAX_ACTION_ID = 255;
const MAX_BUTTON_VALUE = 2000;
const MAX_FIELDS = 10;
const MAX_FIELD_TEXT = 2000;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const textOf = (v: unknown): string | undefined =>
  isObject(v) && typeof v.text === 'string' ? v.text : undefined;

function checkElement(element: unknown): string | null {
  if (!isObject(element)) return 'invalid_blocks';
  if (typeof element.action_id === 'string' && element.action_id.length > MAX_ACTION_ID)
    return 'invalid_blocks';
  if (element.type === 'button') {
    const label = textOf(element.text);
    if (label === undefined || label.length > MAX_BUTTON_TEXT) return 'invalid_blocks';
    if (typeof element.value === 'string' && element.value.length > MAX_BUTTON_VALUE) return 'invalid_blocks';
  }
  return null;
}

function checkBlock(block: unknown): string | null {
  if (!isObject(block) || typeof block.type !== 'string') return 'invalid_blocks';
  switch (block.type) {
    case 'section': {
      const text = textOf(block.text);
      const fields = Array.isArray(block.fields) ? block.fields : [];
      if (text === undefined && fields.length === 0) return 'invalid_blocks';
      if (text !== undefined && (text.length === 0 || text.length > MAX_SECTION_TEXT))
        return 'invalid_blocks';
      if (
        fields.length > MAX_FIELDS ||
        fields.some((f) => (textOf(f)?.length ?? MAX_FIELD_TEXT + 1) > MAX_FIELD_TEXT)
      )
        return 'invalid_blocks';
      return block.accessory === undefined ? null : checkElement(block.accessory);
    }
    case 'header': {
      const text = textOf(block.text);
      return text === undefined || text.length === 0 || text.length > MAX_HEADER_TEXT
        ? 'invalid_blocks'
        : null;
    }
    case 'actions': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      if (elements.length === 0 || elements.length > MAX_ACTION_ELEMENTS) return 'invalid_blocks';
      for (const e of elements) {
        const error = checkElement(e);
        if (error !== null) return error;
      }
      return null;
    }
    case 'context': {
      const elements = Array.isArray(block.elements) ? block.elements : [];
      return elements.length === 0 || elements.length > 10 ? 'invalid_blocks' : null;
    }
    case 'divider':
    case 'image':
    case 'input':
    case 'rich_text':
      return null;
    default:
      return 'invalid_blocks';
  }
}

export function validateMessage(text: unknown, blocks: unknown): string | null {
  if (blocks === undefined) return typeof text === 'string' && text.length > 0 ? null : 'no_text';
  if (!Array.isArray(blocks)) return 'invalid_blocks_format';
  if (blocks.length > MAX_BLOCKS) return 'invalid_blocks';
  if (JSON.stringify(blocks).length > MAX_BLOCKS_JSON) return 'msg_blocks_too_long';
  for (const block of blocks) {
    const error = checkBlock(block);
    if (error !== null) return error;
  }
  return null;
}
