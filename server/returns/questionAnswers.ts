import { formatDate } from '../forms/dates'
import type { Question } from '../standards/frameworkSchema'

/** A criterion's extra questions and their answers in words, in the framework's order, for the check page and the PDF. */
export function questionAnswersInWords(questions: Question[], answers: Record<string, string> | undefined): { question: string; answer: string }[] {
  return questions.map((question) => {
    const value = answers?.[question.key]
    if (value === undefined || value === '') return { question: question.text, answer: 'Not answered' }
    if (question.type === 'yesNo') return { question: question.text, answer: value === 'yes' ? 'Yes' : value === 'no' ? 'No' : value }
    if (question.type === 'number') return { question: question.text, answer: question.unit ? `${value} ${question.unit}` : value }
    if (question.type === 'date') return { question: question.text, answer: formatDate(value) }
    return { question: question.text, answer: value }
  })
}
