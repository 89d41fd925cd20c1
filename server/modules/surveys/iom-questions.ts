import type { QuestionContent } from '../../../core/surveys/questions.ts';

/**
 * The IOM external evaluation of the CNAI (2009/10), as the standard survey every network starts
 * with: the same four questions on the same 4-point scales, so a network can set its results beside
 * the evaluation's (opening hours adequate 82.6%, space pleasant 80.7%, kindness 96%, mediators
 * close 97.4%). Written in pt-PT (the source) and en; the other languages were machine-translated
 * and are marked so until a translator reviews them (see the translation workflow).
 */
export const IOM_SOURCE_LOCALE = 'pt-PT';
export const IOM_REVIEWED_LOCALES = ['pt-PT', 'en'];

type Texts = Record<string, QuestionContent>;

export const IOM_QUESTIONS: { code: string; texts: Texts }[] = [
  {
    code: 'opening-hours',
    texts: {
      'pt-PT': { title: 'Horário de funcionamento', prompt: 'O horário de funcionamento é adequado para si?', options: ['Muito adequado', 'Adequado', 'Pouco adequado', 'Nada adequado'], positive: 'Muito adequado ou adequado', negative: 'pouco adequado ou nada adequado' },
      'pt-BR': { title: 'Horário de funcionamento', prompt: 'O horário de funcionamento é adequado para você?', options: ['Muito adequado', 'Adequado', 'Pouco adequado', 'Nada adequado'], positive: 'Muito adequado ou adequado', negative: 'pouco adequado ou nada adequado' },
      en: { title: 'Opening hours', prompt: 'Are our opening hours adequate for you?', options: ['Very adequate', 'Adequate', 'Not very adequate', 'Not adequate at all'], positive: 'Very adequate or adequate', negative: 'not very adequate or not adequate at all' },
      fr: { title: 'Horaires d’ouverture', prompt: 'Nos horaires d’ouverture vous conviennent-ils ?', options: ['Très adaptés', 'Adaptés', 'Peu adaptés', 'Pas du tout adaptés'], positive: 'Très adaptés ou adaptés', negative: 'peu adaptés ou pas du tout adaptés' },
      es: { title: 'Horario de atención', prompt: '¿Nuestro horario de atención es adecuado para usted?', options: ['Muy adecuado', 'Adecuado', 'Poco adecuado', 'Nada adecuado'], positive: 'Muy adecuado o adecuado', negative: 'poco adecuado o nada adecuado' },
      uk: { title: 'Години роботи', prompt: 'Чи зручні для вас наші години роботи?', options: ['Дуже зручні', 'Зручні', 'Не дуже зручні', 'Зовсім незручні'], positive: 'Дуже зручні або зручні', negative: 'не дуже зручні або зовсім незручні' },
      ru: { title: 'Часы работы', prompt: 'Удобны ли вам наши часы работы?', options: ['Очень удобны', 'Удобны', 'Не очень удобны', 'Совсем неудобны'], positive: 'Очень удобны или удобны', negative: 'не очень удобны или совсем неудобны' },
      ro: { title: 'Programul de lucru', prompt: 'Programul nostru de lucru vi se potrivește?', options: ['Foarte potrivit', 'Potrivit', 'Puțin potrivit', 'Deloc potrivit'], positive: 'Foarte potrivit sau potrivit', negative: 'puțin potrivit sau deloc potrivit' },
      ar: { title: 'ساعات العمل', prompt: 'هل ساعات عملنا مناسبة لك؟', options: ['مناسبة جدًا', 'مناسبة', 'غير مناسبة كثيرًا', 'غير مناسبة إطلاقًا'], positive: 'مناسبة جدًا أو مناسبة', negative: 'غير مناسبة كثيرًا أو غير مناسبة إطلاقًا' },
      hi: { title: 'कार्य समय', prompt: 'क्या हमारा कार्य समय आपके लिए उपयुक्त है?', options: ['बहुत उपयुक्त', 'उपयुक्त', 'कम उपयुक्त', 'बिल्कुल उपयुक्त नहीं'], positive: 'बहुत उपयुक्त या उपयुक्त', negative: 'कम उपयुक्त या बिल्कुल उपयुक्त नहीं' },
      bn: { title: 'কাজের সময়', prompt: 'আমাদের কাজের সময় কি আপনার জন্য উপযুক্ত?', options: ['খুব উপযুক্ত', 'উপযুক্ত', 'তেমন উপযুক্ত নয়', 'একেবারেই উপযুক্ত নয়'], positive: 'খুব উপযুক্ত বা উপযুক্ত', negative: 'তেমন উপযুক্ত নয় বা একেবারেই উপযুক্ত নয়' },
      ne: { title: 'खुल्ने समय', prompt: 'के हाम्रो खुल्ने समय तपाईंका लागि उपयुक्त छ?', options: ['धेरै उपयुक्त', 'उपयुक्त', 'त्यति उपयुक्त छैन', 'पटक्कै उपयुक्त छैन'], positive: 'धेरै उपयुक्त वा उपयुक्त', negative: 'त्यति उपयुक्त छैन वा पटक्कै उपयुक्त छैन' },
      kea: { title: 'Oráriu di funsionamentu', prompt: 'Oráriu di funsionamentu sta adekuadu pa bo?', options: ['Txeu adekuadu', 'Adekuadu', 'Poku adekuadu', 'Nada adekuadu'], positive: 'Txeu adekuadu o adekuadu', negative: 'poku adekuadu o nada adekuadu' },
    },
  },
  {
    code: 'space',
    texts: {
      'pt-PT': { title: 'Organização, limpeza e decoração do espaço', prompt: 'Como considera a organização, a limpeza e a decoração do espaço?', options: ['Muito agradável', 'Agradável', 'Pouco agradável', 'Nada agradável'], positive: 'Muito agradável ou agradável', negative: 'pouco agradável ou nada agradável' },
      'pt-BR': { title: 'Organização, limpeza e decoração do espaço', prompt: 'Como você avalia a organização, a limpeza e a decoração do espaço?', options: ['Muito agradável', 'Agradável', 'Pouco agradável', 'Nada agradável'], positive: 'Muito agradável ou agradável', negative: 'pouco agradável ou nada agradável' },
      en: { title: 'Organisation, cleanliness and decoration of the space', prompt: 'How do you find the organisation, cleanliness and decoration of the space?', options: ['Very pleasant', 'Pleasant', 'Not very pleasant', 'Not pleasant at all'], positive: 'Very pleasant or pleasant', negative: 'not very pleasant or not at all' },
      fr: { title: 'Organisation, propreté et décoration de l’espace', prompt: 'Comment trouvez-vous l’organisation, la propreté et la décoration de l’espace ?', options: ['Très agréable', 'Agréable', 'Peu agréable', 'Pas du tout agréable'], positive: 'Très agréable ou agréable', negative: 'peu agréable ou pas du tout agréable' },
      es: { title: 'Organización, limpieza y decoración del espacio', prompt: '¿Cómo valora la organización, la limpieza y la decoración del espacio?', options: ['Muy agradable', 'Agradable', 'Poco agradable', 'Nada agradable'], positive: 'Muy agradable o agradable', negative: 'poco agradable o nada agradable' },
      uk: { title: 'Організація, чистота й оформлення приміщення', prompt: 'Як ви оцінюєте організацію, чистоту й оформлення приміщення?', options: ['Дуже приємні', 'Приємні', 'Не дуже приємні', 'Зовсім неприємні'], positive: 'Дуже приємні або приємні', negative: 'не дуже приємні або зовсім неприємні' },
      ru: { title: 'Организация, чистота и оформление помещения', prompt: 'Как вы оцениваете организацию, чистоту и оформление помещения?', options: ['Очень приятные', 'Приятные', 'Не очень приятные', 'Совсем неприятные'], positive: 'Очень приятные или приятные', negative: 'не очень приятные или совсем неприятные' },
      ro: { title: 'Organizarea, curățenia și decorul spațiului', prompt: 'Cum vi se par organizarea, curățenia și decorul spațiului?', options: ['Foarte plăcute', 'Plăcute', 'Puțin plăcute', 'Deloc plăcute'], positive: 'Foarte plăcute sau plăcute', negative: 'puțin plăcute sau deloc plăcute' },
      ar: { title: 'تنظيم المكان ونظافته وديكوره', prompt: 'كيف تجد تنظيم المكان ونظافته وديكوره؟', options: ['لطيف جدًا', 'لطيف', 'غير لطيف كثيرًا', 'غير لطيف إطلاقًا'], positive: 'لطيف جدًا أو لطيف', negative: 'غير لطيف كثيرًا أو غير لطيف إطلاقًا' },
      hi: { title: 'स्थान की व्यवस्था, सफ़ाई और सजावट', prompt: 'आपको स्थान की व्यवस्था, सफ़ाई और सजावट कैसी लगी?', options: ['बहुत सुखद', 'सुखद', 'कम सुखद', 'बिल्कुल सुखद नहीं'], positive: 'बहुत सुखद या सुखद', negative: 'कम सुखद या बिल्कुल सुखद नहीं' },
      bn: { title: 'স্থানের ব্যবস্থাপনা, পরিচ্ছন্নতা ও সাজসজ্জা', prompt: 'স্থানের ব্যবস্থাপনা, পরিচ্ছন্নতা ও সাজসজ্জা আপনার কেমন লেগেছে?', options: ['খুব মনোরম', 'মনোরম', 'তেমন মনোরম নয়', 'একেবারেই মনোরম নয়'], positive: 'খুব মনোরম বা মনোরম', negative: 'তেমন মনোরম নয় বা একেবারেই মনোরম নয়' },
      ne: { title: 'ठाउँको व्यवस्था, सरसफाइ र सजावट', prompt: 'ठाउँको व्यवस्था, सरसफाइ र सजावट तपाईंलाई कस्तो लाग्यो?', options: ['धेरै रमाइलो', 'रमाइलो', 'त्यति रमाइलो छैन', 'पटक्कै रमाइलो छैन'], positive: 'धेरै रमाइलो वा रमाइलो', negative: 'त्यति रमाइलो छैन वा पटक्कै रमाइलो छैन' },
      kea: { title: 'Organizason, linpeza i dekorason di spasu', prompt: 'Modi ki bu ta atxa organizason, linpeza i dekorason di spasu?', options: ['Txeu agradável', 'Agradável', 'Poku agradável', 'Nada agradável'], positive: 'Txeu agradável o agradável', negative: 'poku agradável o nada agradável' },
    },
  },
  {
    code: 'kindness',
    texts: {
      'pt-PT': { title: 'Grau de satisfação com a simpatia do atendimento', prompt: 'Está satisfeito com a simpatia do atendimento?', options: ['Muito satisfeito', 'Satisfeito', 'Pouco satisfeito', 'Nada satisfeito'], positive: 'Muito satisfeito ou satisfeito', negative: 'pouco satisfeito ou nada satisfeito' },
      'pt-BR': { title: 'Grau de satisfação com a cordialidade do atendimento', prompt: 'Você está satisfeito com a cordialidade do atendimento?', options: ['Muito satisfeito', 'Satisfeito', 'Pouco satisfeito', 'Nada satisfeito'], positive: 'Muito satisfeito ou satisfeito', negative: 'pouco satisfeito ou nada satisfeito' },
      en: { title: 'Degree of satisfaction in relation to the kindness of the service', prompt: 'How satisfied are you with the kindness of the service?', options: ['Very satisfied', 'Satisfied', 'Not very satisfied', 'Not at all satisfied'], positive: 'Very satisfied or satisfied', negative: 'not very satisfied or not at all satisfied' },
      fr: { title: 'Satisfaction quant à l’amabilité de l’accueil', prompt: 'Êtes-vous satisfait de l’amabilité de l’accueil ?', options: ['Très satisfait', 'Satisfait', 'Peu satisfait', 'Pas du tout satisfait'], positive: 'Très satisfait ou satisfait', negative: 'peu satisfait ou pas du tout satisfait' },
      es: { title: 'Grado de satisfacción con la amabilidad de la atención', prompt: '¿Está satisfecho con la amabilidad de la atención?', options: ['Muy satisfecho', 'Satisfecho', 'Poco satisfecho', 'Nada satisfecho'], positive: 'Muy satisfecho o satisfecho', negative: 'poco satisfecho o nada satisfecho' },
      uk: { title: 'Задоволення ввічливістю обслуговування', prompt: 'Наскільки ви задоволені ввічливістю обслуговування?', options: ['Дуже задоволений', 'Задоволений', 'Не дуже задоволений', 'Зовсім не задоволений'], positive: 'Дуже задоволені або задоволені', negative: 'не дуже задоволені або зовсім не задоволені' },
      ru: { title: 'Удовлетворённость вежливостью обслуживания', prompt: 'Насколько вы довольны вежливостью обслуживания?', options: ['Очень доволен', 'Доволен', 'Не очень доволен', 'Совсем не доволен'], positive: 'Очень довольны или довольны', negative: 'не очень довольны или совсем не довольны' },
      ro: { title: 'Gradul de satisfacție față de amabilitatea serviciului', prompt: 'Cât de mulțumit sunteți de amabilitatea serviciului?', options: ['Foarte mulțumit', 'Mulțumit', 'Puțin mulțumit', 'Deloc mulțumit'], positive: 'Foarte mulțumit sau mulțumit', negative: 'puțin mulțumit sau deloc mulțumit' },
      ar: { title: 'درجة الرضا عن لطف الخدمة', prompt: 'ما مدى رضاك عن لطف الخدمة؟', options: ['راضٍ جدًا', 'راضٍ', 'غير راضٍ كثيرًا', 'غير راضٍ إطلاقًا'], positive: 'راضٍ جدًا أو راضٍ', negative: 'غير راضٍ كثيرًا أو غير راضٍ إطلاقًا' },
      hi: { title: 'सेवा की विनम्रता से संतुष्टि', prompt: 'आप सेवा की विनम्रता से कितने संतुष्ट हैं?', options: ['बहुत संतुष्ट', 'संतुष्ट', 'कम संतुष्ट', 'बिल्कुल संतुष्ट नहीं'], positive: 'बहुत संतुष्ट या संतुष्ट', negative: 'कम संतुष्ट या बिल्कुल संतुष्ट नहीं' },
      bn: { title: 'সেবার সৌজন্যে সন্তুষ্টির মাত্রা', prompt: 'সেবার সৌজন্যে আপনি কতটা সন্তুষ্ট?', options: ['খুব সন্তুষ্ট', 'সন্তুষ্ট', 'তেমন সন্তুষ্ট নই', 'একেবারেই সন্তুষ্ট নই'], positive: 'খুব সন্তুষ্ট বা সন্তুষ্ট', negative: 'তেমন সন্তুষ্ট নয় বা একেবারেই সন্তুষ্ট নয়' },
      ne: { title: 'सेवाको विनम्रताप्रति सन्तुष्टि', prompt: 'सेवाको विनम्रताबाट तपाईं कत्तिको सन्तुष्ट हुनुहुन्छ?', options: ['धेरै सन्तुष्ट', 'सन्तुष्ट', 'त्यति सन्तुष्ट छैन', 'पटक्कै सन्तुष्ट छैन'], positive: 'धेरै सन्तुष्ट वा सन्तुष्ट', negative: 'त्यति सन्तुष्ट छैन वा पटक्कै सन्तुष्ट छैन' },
      kea: { title: 'Grau di satisfason ku simpatia di atendimentu', prompt: 'Bu sta satisfetu ku simpatia di atendimentu?', options: ['Txeu satisfetu', 'Satisfetu', 'Poku satisfetu', 'Nada satisfetu'], positive: 'Txeu satisfetu o satisfetu', negative: 'poku satisfetu o nada satisfetu' },
    },
  },
  {
    code: 'mediators',
    texts: {
      'pt-PT': { title: 'Relação dos mediadores com a pessoa inquirida', prompt: 'Como foi a sua relação com os mediadores?', options: ['Muito próxima', 'Próxima', 'Distante', 'Muito distante'], positive: 'Muito próxima ou próxima', negative: 'distante ou muito distante' },
      'pt-BR': { title: 'Relação dos mediadores com a pessoa entrevistada', prompt: 'Como foi a sua relação com os mediadores?', options: ['Muito próxima', 'Próxima', 'Distante', 'Muito distante'], positive: 'Muito próxima ou próxima', negative: 'distante ou muito distante' },
      en: { title: 'Relationship of the mediators with the person surveyed', prompt: 'How close was your relationship with the mediators?', options: ['Very close', 'Close', 'Distant', 'Very distant'], positive: 'Very close or close', negative: 'distant or very distant' },
      fr: { title: 'Relation des médiateurs avec la personne interrogée', prompt: 'Comment était votre relation avec les médiateurs ?', options: ['Très proche', 'Proche', 'Distante', 'Très distante'], positive: 'Très proche ou proche', negative: 'distante ou très distante' },
      es: { title: 'Relación de los mediadores con la persona encuestada', prompt: '¿Cómo fue su relación con los mediadores?', options: ['Muy cercana', 'Cercana', 'Distante', 'Muy distante'], positive: 'Muy cercana o cercana', negative: 'distante o muy distante' },
      uk: { title: 'Стосунки медіаторів з опитаною особою', prompt: 'Якими були ваші стосунки з медіаторами?', options: ['Дуже близькі', 'Близькі', 'Віддалені', 'Дуже віддалені'], positive: 'Дуже близькі або близькі', negative: 'віддалені або дуже віддалені' },
      ru: { title: 'Отношения медиаторов с опрошенным', prompt: 'Какими были ваши отношения с медиаторами?', options: ['Очень близкие', 'Близкие', 'Отстранённые', 'Очень отстранённые'], positive: 'Очень близкие или близкие', negative: 'отстранённые или очень отстранённые' },
      ro: { title: 'Relația mediatorilor cu persoana chestionată', prompt: 'Cum a fost relația dumneavoastră cu mediatorii?', options: ['Foarte apropiată', 'Apropiată', 'Distantă', 'Foarte distantă'], positive: 'Foarte apropiată sau apropiată', negative: 'distantă sau foarte distantă' },
      ar: { title: 'علاقة الوسطاء بالشخص المستطلَع', prompt: 'كيف كانت علاقتك بالوسطاء؟', options: ['قريبة جدًا', 'قريبة', 'بعيدة', 'بعيدة جدًا'], positive: 'قريبة جدًا أو قريبة', negative: 'بعيدة أو بعيدة جدًا' },
      hi: { title: 'सर्वेक्षित व्यक्ति के साथ मध्यस्थों का संबंध', prompt: 'मध्यस्थों के साथ आपका संबंध कैसा रहा?', options: ['बहुत घनिष्ठ', 'घनिष्ठ', 'दूर', 'बहुत दूर'], positive: 'बहुत घनिष्ठ या घनिष्ठ', negative: 'दूर या बहुत दूर' },
      bn: { title: 'জরিপকৃত ব্যক্তির সঙ্গে মধ্যস্থতাকারীদের সম্পর্ক', prompt: 'মধ্যস্থতাকারীদের সঙ্গে আপনার সম্পর্ক কেমন ছিল?', options: ['খুব ঘনিষ্ঠ', 'ঘনিষ্ঠ', 'দূরত্বপূর্ণ', 'খুব দূরত্বপূর্ণ'], positive: 'খুব ঘনিষ্ঠ বা ঘনিষ্ঠ', negative: 'দূরত্বপূর্ণ বা খুব দূরত্বপূর্ণ' },
      ne: { title: 'सर्वेक्षण गरिएको व्यक्तिसँग मध्यस्थकर्ताहरूको सम्बन्ध', prompt: 'मध्यस्थकर्ताहरूसँग तपाईंको सम्बन्ध कस्तो रह्यो?', options: ['धेरै नजिक', 'नजिक', 'टाढा', 'धेरै टाढा'], positive: 'धेरै नजिक वा नजिक', negative: 'टाढा वा धेरै टाढा' },
      kea: { title: 'Relason di mediadoris ku algen ki responde', prompt: 'Modi ki bu relason ku mediadoris staba?', options: ['Txeu prósimu', 'Prósimu', 'Distanti', 'Txeu distanti'], positive: 'Txeu prósimu o prósimu', negative: 'distanti o txeu distanti' },
    },
  },
];
